package dev.loopscope.harness.internal;

import java.util.List;

/**
 * What a timed-out test was waiting for, as the failure message shows it: the loop's queued and
 * running tasks and pending timers with where they were submitted and how long ago, then the
 * stack of every thread of the test.
 */
final class PendingReport {

    private static final int MAX_FRAMES = 24;

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
        if (testThread != null) {
            stack(b, testThread);
        }
        for (Thread t : run.threads()) {
            if (t != run.loop.thread() && t != testThread) {
                stack(b, t);
            }
        }
        return b.toString();
    }

    private static void stack(StringBuilder b, Thread t) {
        StackTraceElement[] frames = t.getStackTrace();
        b.append("\n  thread '").append(t.getName()).append("' (").append(t.getState()).append("):");
        for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
            b.append("\n    at ").append(frames[i]);
        }
        if (frames.length > MAX_FRAMES) {
            b.append("\n    ... ").append(frames.length - MAX_FRAMES).append(" more");
        }
    }
}
