package dev.loopscope.agent.recorder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The log of each live fork-join worker, by thread id: where a worker finds its log again after
 * its thread-locals were erased. The common pool's workers lose theirs between tasks (JDK 17
 * erases them after top-level tasks, 25 when a worker goes idle: thousands of times a second
 * under CompletableFuture load). A thread given a fresh log each time would split its timeline,
 * spend the budget on empty logs and leave the detector watching a new loop state per erasure.
 *
 * <p>Consulted only when the thread-local is empty: once per erasure (on JDK 17 after each
 * top-level common-pool task, a map lookup and a new thread-local map). An entry is added when
 * a worker's log is made and removed when the worker exits. Other threads keep their
 * thread-locals and are never added, so they pay nothing and their logs go with them.
 */
final class LogsByThread {

    private final ConcurrentHashMap<Long, ThreadLog> logs = new ConcurrentHashMap<>();

    /** The log made earlier for {@code t}, or null. */
    ThreadLog find(Thread t) {
        if (!(t instanceof ForkJoinWorkerThread)) {
            return null;
        }
        ThreadLog log = logs.get(t.getId());
        return log != null && log.isOf(t) ? log : null;
    }

    void add(Thread t, ThreadLog log) {
        if (t instanceof ForkJoinWorkerThread) {
            logs.put(t.getId(), log);
        }
    }

    /** {@code t} is exiting: its id is never used again. */
    void remove(Thread t) {
        if (t instanceof ForkJoinWorkerThread) {
            logs.remove(t.getId());
        }
    }
}
