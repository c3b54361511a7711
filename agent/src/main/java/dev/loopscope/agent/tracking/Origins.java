package dev.loopscope.agent.tracking;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whose work each thread is doing. The origin of a test's thread is the test's thread group (a
 * group under the harness's root group); a pool thread that runs a task takes on the origin of
 * the thread that submitted it for as long as the task runs, and a thread started by a task keeps
 * the origin of its starter. So work a test hands to the common pool, or to a virtual thread, is
 * still that test's.
 *
 * <p>Threads outside the root group have no origin, and their submissions cost one group walk.
 * Both tables hold their keys weakly and are bounded: past the bound an origin is not carried,
 * and the work falls back to its own thread's group.
 */
final class Origins {

    static final int MAX_ENTRIES = 100_000;

    /** Set once, before any hook calls in (first use of {@link #running} reads it). */
    private volatile ThreadGroup root;
    /** Submitted tasks not yet run, with the origin of their submitter. */
    private final Map<IdentityKey, ThreadGroup> tasks = new ConcurrentHashMap<>();
    /** Threads started by a thread with an origin: virtual threads are in a group of their own. */
    private final Map<IdentityKey, ThreadGroup> threads = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final ThreadLocal<Running> running = ThreadLocal.withInitial(this::newRunning);

    void rootIs(ThreadGroup group) {
        this.root = group;
    }

    /** The origin of the current thread's work: a group under the root, or null. */
    ThreadGroup current() {
        Running r = running.get();
        return r.depth > 0 ? r.origins[r.depth - 1] : r.own;
    }

    void taskSubmitted(Object task) {
        ThreadGroup origin = current();
        if (origin != null) {
            put(tasks, task, origin);
        }
    }

    void taskStarting(Object task) {
        if (size.get() == 0) {
            return;
        }
        IdentityKey key = IdentityKey.of(task);
        // A repeating (scheduled) task keeps its entry for its next run; it goes when the task is collected.
        ThreadGroup origin = tasks.get(key);
        if (origin != null) {
            running.get().push(task, origin);
        }
    }

    void taskEnded(Object task) {
        Running r = running.get();
        if (r.depth > 0 && r.tasks[r.depth - 1] == task) {
            r.pop();
            if (!(task instanceof java.util.concurrent.Delayed) && tasks.remove(IdentityKey.of(task)) != null) {
                size.decrementAndGet();
            }
        }
    }

    void threadStarting(Thread thread) {
        ThreadGroup origin = current();
        if (origin != null && origin != thread.getThreadGroup()) {
            put(threads, thread, origin);
        }
    }

    /** The live virtual threads whose origin is {@code group} or inside it. */
    List<Thread> virtualThreadsOf(ThreadGroup group) {
        List<Thread> out = new ArrayList<>();
        for (Map.Entry<IdentityKey, ThreadGroup> e : threads.entrySet()) {
            Object t = e.getKey().get();
            if (t instanceof Thread && ((Thread) t).isAlive() && dev.loopscope.agent.recorder.VirtualThreads.isVirtual((Thread) t)
                    && group.parentOf(e.getValue())) {
                out.add((Thread) t);
            }
        }
        return out;
    }

    private void put(Map<IdentityKey, ThreadGroup> table, Object key, ThreadGroup origin) {
        expunge();
        if (size.get() >= MAX_ENTRIES) {
            return;
        }
        if (table.put(new IdentityKey(key, cleared), origin) == null) {
            size.incrementAndGet();
        }
    }

    /** Drops the entries of collected tasks and threads. */
    private void expunge() {
        for (Reference<?> r = cleared.poll(); r != null; r = cleared.poll()) {
            // the key equals only itself now that its referent is gone
            if (tasks.remove(r) != null || threads.remove(r) != null) {
                size.decrementAndGet();
            }
        }
    }

    private Running newRunning() {
        Thread t = Thread.currentThread();
        ThreadGroup started = threads.get(IdentityKey.of(t));
        // A fork-join worker lands in the group of whichever thread made the pool grow (on JDK 17,
        // a test's): its work is the tasks', never that test's.
        ThreadGroup own = started != null ? started
                : t instanceof java.util.concurrent.ForkJoinWorkerThread ? null : t.getThreadGroup();
        ThreadGroup r = root;
        return new Running(own != null && r != null && r.parentOf(own) && own != r ? own : null);
    }

    /** The origins a thread works for: its own, then one per task run nested on it. */
    private static final class Running {
        final ThreadGroup own;
        Object[] tasks = new Object[4];
        ThreadGroup[] origins = new ThreadGroup[4];
        int depth;

        Running(ThreadGroup own) {
            this.own = own;
        }

        void push(Object task, ThreadGroup origin) {
            if (depth == tasks.length) {
                tasks = java.util.Arrays.copyOf(tasks, depth * 2);
                origins = java.util.Arrays.copyOf(origins, depth * 2);
            }
            tasks[depth] = task;
            origins[depth++] = origin;
        }

        void pop() {
            tasks[--depth] = null;
            origins[depth] = null;
        }
    }
}
