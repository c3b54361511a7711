package dev.loopscope.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What was recorded during the current test, read when asked (so it is up to date): the tasks of
 * every executor, and the blocking calls and stalls found on loop threads. Inject it into a test
 * method and check it with {@link LoopscopeAssertions#assertThat(Timeline)}. Needs the agent.
 */
public final class Timeline {

    /** One task: a submission to an executor (or a thread start) and its run. */
    public static final class Task {
        public final long id;
        /** The task running on the submitting thread, 0 if none. */
        public final long parentId;
        public final String name;
        public final String executor;
        /** The thread it ran on, null if it never started. */
        public final String thread;
        private final long submitNanos;
        private final long startNanos;
        private final long endNanos;
        /** normal, running, not started, rejected, or the failure ("java.io.IOException: reset"). */
        public final String outcome;

        Task(Map<String, Object> m) {
            this.id = (Long) m.get("id");
            this.parentId = (Long) m.get("parentId");
            this.name = (String) m.get("name");
            this.executor = (String) m.get("executor");
            this.thread = (String) m.get("thread");
            this.submitNanos = (Long) m.get("submitNanoTime");
            this.startNanos = (Long) m.get("startNanoTime");
            this.endNanos = (Long) m.get("endNanoTime");
            this.outcome = (String) m.get("outcome");
        }

        public boolean hasStarted() {
            return startNanos >= 0;
        }

        public boolean hasEnded() {
            return endNanos >= 0;
        }

        /** From submission to start; zero for a task with no submission (run directly). */
        public Duration queueWait() {
            return submitNanos >= 0 && startNanos >= 0 ? Duration.ofNanos(Math.max(0, startNanos - submitNanos)) : Duration.ZERO;
        }

        /** From start to end; zero if it did not both start and end. */
        public Duration runTime() {
            return startNanos >= 0 && endNanos >= 0 ? Duration.ofNanos(Math.max(0, endNanos - startNanos)) : Duration.ZERO;
        }

        /** {@code System.nanoTime()} at its start, -1 if it never started. */
        public long startNanoTime() {
            return startNanos;
        }

        /** {@code System.nanoTime()} at its end, -1 if it has not ended. */
        public long endNanoTime() {
            return endNanos;
        }

        @Override
        public String toString() {
            return "#" + id + " " + name + " on " + executor + (thread != null ? " (thread " + thread + ")" : "")
                    + ", waited " + queueWait().toMillis() + " ms, ran " + runTime().toMillis() + " ms, " + outcome;
        }
    }

    private final Supplier<List<Map<String, Object>>> tasks;
    private final Supplier<List<Map<String, Object>>> findings;
    private final boolean recorded;

    /** Made by the Loopscope extension, over the agent's recording of the test. */
    public Timeline(Supplier<List<Map<String, Object>>> tasks, Supplier<List<Map<String, Object>>> findings, boolean recorded) {
        this.tasks = tasks;
        this.findings = findings;
        this.recorded = recorded;
    }

    /** Whether the agent records this test; without it, a timeline has no tasks and no findings. */
    public boolean isRecorded() {
        return recorded;
    }

    /** Every task recorded during the test so far, in order of first appearance. */
    public List<Task> tasks() {
        List<Task> out = new ArrayList<>();
        for (Map<String, Object> m : tasks.get()) {
            out.add(new Task(m));
        }
        return Collections.unmodifiableList(out);
    }

    /** The tasks of the executor named {@code executor} (as reports name it: "crawler", "pool-3", "loopscope-test-loop"). */
    public List<Task> tasksOf(String executor) {
        List<Task> out = new ArrayList<>();
        for (Task t : tasks()) {
            if (t.executor.equals(executor)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Blocking calls on loop threads during the test, as maps with the agent's summary keys (api, callSite, stack, ...). */
    public List<Map<String, Object>> blockingCalls() {
        return select("blockingCall");
    }

    /** Stalls on loop threads during the test, as maps with the agent's summary keys (durationNanos, samples, ...). */
    public List<Map<String, Object>> stalls() {
        return select("stall");
    }

    private List<Map<String, Object>> select(String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> f : findings.get()) {
            if (type.equals(f.get("type"))) {
                out.add(f);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
