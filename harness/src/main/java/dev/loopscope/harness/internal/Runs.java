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
    private static volatile boolean handlerInstalled;

    private Runs() {
    }

    static void started(TestRun run) {
        installHandler();
        RUNNING.add(run);
    }

    static void ended(TestRun run) {
        run.endNanos = System.nanoTime();
        collectFindings();
        RUNNING.remove(run);
    }

    /** The test owning {@code t}, or null. */
    static TestRun owner(Thread t) {
        for (TestRun run : RUNNING) {
            if (run.owns(t)) {
                return run;
            }
        }
        return null;
    }

    /** Takes the agent's new findings and files each under the test owning its thread. */
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
            Thread t = live.get((Long) f.get("threadId"));
            TestRun run = t == null ? null : owner(t);
            if (run != null) {
                run.findings.add(f);
            }
        }
    }

    private static List<Thread> allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
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
