package dev.loopscope.harness.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One test while it runs: its settings, its loop, and the threads it owns. Threads the test
 * starts land in its {@link ThreadGroup} (a new thread joins its creator's group), so findings
 * and uncaught exceptions on them are blamed on this test and no other, also when tests run in
 * parallel.
 */
final class TestRun {

    final String displayName;
    final Settings settings;
    final LoopEngine loop;
    final ThreadGroup group;
    final long startNanos = System.nanoTime();
    /** The agent's mark at the test's start: its timeline is what was recorded after it (null without the agent). */
    final Object mark = AgentBridge.get().mark();
    final ConcurrentLinkedQueue<String> uncaught = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Throwable> uncaughtThrowables = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Map<String, Object>> findings = new ConcurrentLinkedQueue<>();

    TestRun(String displayName, Settings settings, LoopEngine loop, ThreadGroup group) {
        this.displayName = displayName;
        this.settings = settings;
        this.loop = loop;
        this.group = group;
    }

    /** The live threads of this test, the loop's first. */
    List<Thread> threads() {
        List<Thread> out = new ArrayList<>();
        if (loop.thread() != null) {
            out.add(loop.thread());
        }
        Thread[] all = new Thread[group.activeCount() + 8];
        int n = group.enumerate(all, true);
        for (int i = 0; i < n; i++) {
            if (all[i] != loop.thread()) {
                out.add(all[i]);
            }
        }
        return out;
    }
}
