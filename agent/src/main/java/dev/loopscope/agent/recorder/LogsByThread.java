package dev.loopscope.agent.recorder;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The log of each live platform thread, by thread id: where a thread finds its log again after
 * its thread-locals were erased. The common pool's workers lose theirs between tasks (JDK 17
 * erases them after top-level tasks, 25 when a worker goes idle: thousands of times a second
 * under CompletableFuture load). A thread given a fresh log each time would split its timeline,
 * spend the budget on empty logs and leave the detector watching a new loop state per erasure.
 *
 * <p>Consulted only when the thread-local is empty, so the hot path is untouched. An entry is
 * added when a log is made and removed when its thread exits; virtual threads are never added
 * (they record into their carrier's log).
 */
final class LogsByThread {

    private final ConcurrentHashMap<Long, ThreadLog> logs = new ConcurrentHashMap<>();

    /** The log made earlier for {@code t}, or null. */
    ThreadLog find(Thread t) {
        ThreadLog log = logs.get(t.getId());
        return log != null && log.isOf(t) ? log : null;
    }

    void add(Thread t, ThreadLog log) {
        if (!VirtualThreads.isVirtual(t)) {
            logs.put(t.getId(), log);
        }
    }

    /** {@code t} is exiting: its id is never used again. */
    void remove(Thread t) {
        logs.remove(t.getId());
    }
}
