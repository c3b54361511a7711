package dev.loopscope.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDurationAssert;
import org.assertj.core.api.AbstractIntegerAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions on a test's {@link Timeline}: that nothing blocked or stalled a loop, that a
 * limit on concurrency held, that work really ran concurrently, and how long tasks waited and ran.
 * Failure messages list the tasks or findings involved.
 */
public final class LoopscopeAssertions {

    private LoopscopeAssertions() {
    }

    public static TimelineAssert assertThat(Timeline timeline) {
        return new TimelineAssert(timeline);
    }

    /** Assertions on a {@link Timeline}. */
    public static final class TimelineAssert extends AbstractAssert<TimelineAssert, Timeline> {

        TimelineAssert(Timeline actual) {
            super(actual, TimelineAssert.class);
        }

        private void recorded() {
            isNotNull();
            if (!actual.isRecorded()) {
                failWithMessage("the timeline is empty: the Loopscope agent is not attached (see the README for the Surefire argLine)");
            }
        }

        public TimelineAssert hasNoBlockingCalls() {
            recorded();
            List<Map<String, Object>> calls = actual.blockingCalls();
            if (!calls.isEmpty()) {
                StringBuilder b = new StringBuilder("expected no blocking calls on loop threads, but found " + calls.size() + ":");
                for (Map<String, Object> c : calls) {
                    b.append("\n  ").append(c.get("api")).append(" on '").append(c.get("thread")).append("' at ")
                            .append(c.get("callSite"));
                }
                failWithMessage("%s", b);
            }
            return this;
        }

        public TimelineAssert hasNoStalls() {
            recorded();
            List<Map<String, Object>> stalls = actual.stalls();
            if (!stalls.isEmpty()) {
                StringBuilder b = new StringBuilder("expected no stalls on loop threads, but found " + stalls.size() + ":");
                for (Map<String, Object> s : stalls) {
                    b.append("\n  ").append((Long) s.get("durationNanos") / 1_000_000).append(" ms on '")
                            .append(s.get("thread")).append('\'');
                }
                failWithMessage("%s", b);
            }
            return this;
        }

        /**
         * The most tasks of {@code executor} that were running at one instant, to check that a
         * semaphore or pool size really limits concurrency: {@code maxConcurrency("crawler").isLessThanOrEqualTo(4)}.
         */
        public AbstractIntegerAssert<?> maxConcurrency(String executor) {
            List<Timeline.Task> tasks = tasksOf(executor);
            return Assertions.assertThat(maxConcurrency(tasks))
                    .as("the most tasks of executor '%s' running at once, among:%s", executor, list(tasks));
        }

        /**
         * All tasks of {@code executor} were running at one common instant (none ended before the
         * last one started): the work really ran concurrently, as {@code gather} would run it.
         */
        public TimelineAssert tasksOverlapped(String executor) {
            List<Timeline.Task> tasks = tasksOf(executor);
            if (tasks.size() < 2) {
                failWithMessage("expected at least 2 tasks of executor '%s' to overlap, but it ran %d%s", executor, tasks.size(),
                        list(tasks));
            }
            long lastStart = Long.MIN_VALUE;
            long firstEnd = Long.MAX_VALUE;
            Timeline.Task late = null;
            Timeline.Task early = null;
            for (Timeline.Task t : tasks) {
                if (!t.hasStarted()) {
                    failWithMessage("expected all tasks of executor '%s' to overlap, but %s never started", executor, t);
                }
                if (t.startNanoTime() > lastStart) {
                    lastStart = t.startNanoTime();
                    late = t;
                }
                long end = t.hasEnded() ? t.endNanoTime() : Long.MAX_VALUE;
                if (end < firstEnd) {
                    firstEnd = end;
                    early = t;
                }
            }
            if (lastStart >= firstEnd) {
                failWithMessage("expected all %d tasks of executor '%s' to run at one common instant, but %s ended %d ms before %s started:%s",
                        tasks.size(), executor, early, (lastStart - firstEnd) / 1_000_000, late, list(tasks));
            }
            return this;
        }

        /** The {@code percentile} (0 to 100, nearest rank) of the queue wait of {@code executor}'s tasks. */
        public AbstractDurationAssert<?> queueWaitPercentile(String executor, double percentile) {
            List<Timeline.Task> tasks = tasksOf(executor);
            List<Duration> waits = new ArrayList<>();
            tasks.stream().filter(Timeline.Task::hasStarted).forEach(t -> waits.add(t.queueWait()));
            return Assertions.assertThat(percentile(waits, percentile))
                    .as("p%s queue wait of executor '%s' over %d tasks:%s", percentile, executor, waits.size(), list(tasks));
        }

        /** The {@code percentile} (0 to 100, nearest rank) of the run time of {@code executor}'s ended tasks. */
        public AbstractDurationAssert<?> runTimePercentile(String executor, double percentile) {
            List<Timeline.Task> tasks = tasksOf(executor);
            List<Duration> runs = new ArrayList<>();
            tasks.stream().filter(Timeline.Task::hasEnded).forEach(t -> runs.add(t.runTime()));
            return Assertions.assertThat(percentile(runs, percentile))
                    .as("p%s run time of executor '%s' over %d tasks:%s", percentile, executor, runs.size(), list(tasks));
        }

        /**
         * The executor's tasks once none is still finishing: a task's future completes a moment
         * before its run's end is recorded, so a test that just waited for its futures could read
         * the last ones as still running. Waits up to 200 ms for those ends.
         */
        private List<Timeline.Task> tasksOf(String executor) {
            recorded();
            List<Timeline.Task> tasks = actual.tasksOf(executor);
            for (int i = 0; i < 40 && tasks.stream().anyMatch(t -> t.hasStarted() && !t.hasEnded()); i++) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                tasks = actual.tasksOf(executor);
            }
            if (tasks.isEmpty()) {
                List<String> names = new ArrayList<>();
                actual.tasks().forEach(t -> {
                    if (!names.contains(t.executor)) {
                        names.add(t.executor);
                    }
                });
                failWithMessage("no tasks of executor '%s' were recorded in this test; executors seen: %s", executor, names);
            }
            return tasks;
        }

        /**
         * Overlaps shorter than this at a hand-over are not counted: a task that releases a permit
         * as its last act lets the next one start a moment before its own end is recorded.
         */
        private static final long HANDOVER_NANOS = 1_000_000L;

        /** The most tasks running at once for at least {@link #HANDOVER_NANOS}. */
        private static int maxConcurrency(List<Timeline.Task> tasks) {
            List<long[]> edges = new ArrayList<>();
            for (Timeline.Task t : tasks) {
                if (t.hasStarted()) {
                    edges.add(new long[] {t.startNanoTime(), 1});
                    edges.add(new long[] {t.hasEnded() ? t.endNanoTime() : Long.MAX_VALUE, -1});
                }
            }
            // ends before starts at the same instant: back-to-back tasks did not overlap
            edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
            int level = 0;
            int max = edges.isEmpty() ? 0 : 1;
            long since = 0;
            for (long[] e : edges) {
                if (level > max && e[0] - since >= HANDOVER_NANOS) {
                    max = level;
                }
                level += (int) e[1];
                since = e[0];
            }
            return max;
        }

        private static Duration percentile(List<Duration> values, double p) {
            if (values.isEmpty()) {
                return Duration.ZERO;
            }
            List<Duration> sorted = new ArrayList<>(values);
            sorted.sort(Comparator.naturalOrder());
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }

        private static String list(List<Timeline.Task> tasks) {
            StringBuilder b = new StringBuilder();
            int shown = 0;
            for (Timeline.Task t : tasks) {
                if (shown++ == 20) {
                    b.append("\n  ... ").append(tasks.size() - 20).append(" more");
                    break;
                }
                b.append("\n  ").append(t);
            }
            return b.toString();
        }
    }
}
