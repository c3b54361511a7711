package dev.loopscope.harness.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every test running now, JVM-wide: who owns a thread that threw an uncaught exception, and whose
 * test a finding of the agent belongs to. Findings are taken from the agent here, in one place, and
 * handed to the test owning their thread, so concurrent tests never take each other's.
 */
final class Runs {

    private static final Set<TestRun> RUNNING = ConcurrentHashMap.newKeySet();
    /** Each running test's thread group (ThreadGroup does not override equals: identity). */
    private static final Map<ThreadGroup, TestRun> BY_GROUP = new ConcurrentHashMap<>();
    /**
     * The parent of every test's thread group. Not the group of the thread that starts the test:
     * under parallel execution that thread may itself have been started by another test, and a
     * test's group must never sit inside another's.
     */
    static final ThreadGroup ROOT = new ThreadGroup(topGroup(), "loopscope-tests");
    /** The groups of tests that ended, until they are collected. */
    private static final Set<ThreadGroup> ENDED = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));
    private static volatile boolean handlerInstalled;

    private Runs() {
    }

    static void started(TestRun run) {
        installHandler();
        RUNNING.add(run);
        BY_GROUP.put(run.group, run);
    }

    static void ended(TestRun run) {
        collectFindings();
        ENDED.add(run.group); // first: a finding of its work is never filed with another test
        RUNNING.remove(run);
        BY_GROUP.remove(run.group);
    }

    private static boolean ofEndedTest(ThreadGroup group) {
        for (ThreadGroup g = group; g != null; g = g.getParent()) {
            if (ENDED.contains(g)) {
                return true;
            }
        }
        return false;
    }

    /** The test owning {@code t}: the one whose loop it is, else the one whose group is nearest above it; or null. */
    static TestRun owner(Thread t) {
        for (TestRun run : RUNNING) {
            if (run.loop.thread() == t) {
                return run;
            }
        }
        return ownerOfGroup(t.getThreadGroup());
    }

    /** The test whose group is {@code group} or nearest above it; or null. */
    static TestRun ownerOfGroup(ThreadGroup group) {
        for (ThreadGroup g = group; g != null; g = g.getParent()) {
            TestRun run = BY_GROUP.get(g);
            if (run != null) {
                return run;
            }
        }
        return null;
    }

    private static ThreadGroup topGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    /**
     * Takes the agent's new findings and files each under the test whose work the thread was
     * doing (the finding's origin, known also for common-pool workers, virtual threads and
     * threads that ended), else under the test owning the thread.
     */
    static synchronized void collectFindings() {
        List<Map<String, Object>> taken = AgentBridge.get().takeFindings();
        if (taken.isEmpty()) {
            return;
        }
        Map<Long, Thread> live = new ConcurrentHashMap<>();
        for (Thread t : allThreads()) {
            live.put(t.getId(), t);
        }
        for (Map<String, Object> f : taken) {
            // the origin first: a pool thread started by one test may be doing another's work
            // (work of a test that has ended is nobody's: never the next test's)
            Object origin = f.get("origin");
            TestRun run = origin instanceof ThreadGroup ? ownerOfGroup((ThreadGroup) origin) : null;
            // a common-pool worker's own group is whoever made the pool grow: only an origin blames
            if (run == null && !(origin instanceof ThreadGroup && ofEndedTest((ThreadGroup) origin))
                    && !"commonPool".equals(f.get("kind"))) {
                Thread t = live.get((Long) f.get("threadId"));
                run = t == null ? null : owner(t);
            }
            if (run != null) {
                run.findings.add(f);
            }
        }
    }

    private static List<Thread> allThreads() {
        ThreadGroup root = topGroup();
        Thread[] all = new Thread[root.activeCount() + 16];
        int n = root.enumerate(all, true);
        List<Thread> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all[i]);
        }
        return out;
    }

    /**
     * One default handler for the JVM, chained to the one before it: an uncaught exception on a
     * test's thread is that test's failure, and still goes where it went before.
     */
    private static synchronized void installHandler() {
        if (handlerInstalled) {
            return;
        }
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            TestRun run = owner(t);
            if (run != null) {
                run.uncaught.add("uncaught " + e + " on thread '" + t.getName() + "'");
                run.uncaughtThrowables.add(e);
            }
            if (previous != null) {
                previous.uncaughtException(t, e);
            } else {
                System.err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace();
            }
        });
        handlerInstalled = true;
    }
}
