package dev.loopscope.harness.internal;

import java.util.List;

/**
 * What a timed-out test was waiting for, as the failure message shows it: the loop's queued and
 * running tasks and pending timers with where they were submitted and how long ago, the
 * CompletableFutures the test created that are still incomplete, then the stack of every thread
 * of the test, virtual threads included (those two need the agent).
 */
final class PendingReport {

    private static final int MAX_FRAMES = 24;
    private static final int MAX_VIRTUAL_THREADS = 20;

    private PendingReport() {
    }

    static String ofLoop(LoopEngine loop) {
        StringBuilder b = new StringBuilder();
        List<String> pending = loop.pending();
        b.append("\n  pending on ").append(loop.threadName()).append(pending.isEmpty() ? ": nothing" : ":");
        for (String p : pending) {
            b.append("\n    ").append(p);
        }
        Thread t = loop.thread();
        if (t != null) {
            stack(b, t);
        }
        return b.toString();
    }

    static String ofRun(TestRun run, Thread testThread) {
        StringBuilder b = new StringBuilder(ofLoop(run.loop));
        List<String> futures = TestFutures.pending(run.group);
        if (!futures.isEmpty()) {
            b.append("\n  incomplete futures the test created:");
            for (String f : futures) {
                b.append("\n    ").append(f);
            }
        }
        if (testThread != null) {
            stack(b, testThread);
        }
        for (Thread t : run.threads()) {
            if (t != run.loop.thread() && t != testThread) {
                stack(b, t);
            }
        }
        // virtual threads belong to no test's group: the agent knows which the test started
        List<Thread> virtual = AgentBridge.get().virtualThreadsOf(run.group);
        for (int i = 0; i < Math.min(virtual.size(), MAX_VIRTUAL_THREADS); i++) {
            stack(b, virtual.get(i));
        }
        if (virtual.size() > MAX_VIRTUAL_THREADS) {
            b.append("\n  ... and ").append(virtual.size() - MAX_VIRTUAL_THREADS).append(" more virtual threads");
        }
        return b.toString();
    }

    private static void stack(StringBuilder b, Thread t) {
        StackTraceElement[] frames = t.getStackTrace();
        // virtual threads are usually unnamed; their toString says which they are
        b.append("\n  thread '").append(t.getName().isEmpty() ? t.toString() : t.getName()).append("' (").append(t.getState()).append("):");
        for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
            b.append("\n    at ").append(frames[i]);
        }
        if (frames.length > MAX_FRAMES) {
            b.append("\n    ... ").append(frames.length - MAX_FRAMES).append(" more");
        }
    }
}
