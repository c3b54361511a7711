package dev.loopscope.agent.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-executor figures, computed once from a {@link Timeline} and shown by every report: task
 * counts, queue-wait and run-time percentiles, utilization and peak concurrency.
 */
public final class ExecutorStats {

    /** p50, p99 and max of a set of durations; all -1 when the set is empty. */
    public static final class Percentiles {
        public final long p50;
        public final long p99;
        public final long max;
        public final int count;

        Percentiles(long[] values, int n) {
            Arrays.sort(values, 0, n);
            this.count = n;
            this.p50 = n == 0 ? -1 : values[rank(0.50, n)];
            this.p99 = n == 0 ? -1 : values[rank(0.99, n)];
            this.max = n == 0 ? -1 : values[n - 1];
        }

        /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
        private static int rank(double p, int n) {
            return Math.max(0, (int) Math.ceil(p * n) - 1);
        }
    }

    public final int executor;
    public final String name;
    public final String className;
    public final int tasks;
    public final int failed;
    public final int rejected;
    public final int notStarted;
    public final int running;
    public final int threads;
    public final Percentiles queueWait;
    public final Percentiles run;
    public final int maxConcurrency;
    /** Busy time over (threads used × time from its first start to its last end); 0 when idle. */
    public final double utilization;

    private ExecutorStats(Timeline t, int executor, int[] tasks, int n, int[] segments, int segmentCount) {
        this.executor = executor;
        this.name = t.executors().get(executor).name;
        this.className = t.executors().get(executor).className;
        this.tasks = n;
        long[] waits = new long[n];
        int waitCount = 0;
        int failedCount = 0;
        int rejectedCount = 0;
        int notStartedCount = 0;
        int runningCount = 0;
        for (int i = 0; i < n; i++) {
            int task = tasks[i];
            long wait = t.queueWaitNanos(task);
            if (wait >= 0) {
                waits[waitCount++] = wait;
            }
            if (t.failureIndex(task) >= 0) {
                failedCount++;
            }
            if (t.isRejected(task)) {
                rejectedCount++;
            }
            if (!t.hasStarted(task)) {
                notStartedCount++;
            } else if (!t.hasEnded(task)) {
                runningCount++;
            }
        }
        // Run time and concurrency count the time tasks actually held a thread: for a virtual
        // thread, the sum of its mounts. Busy time counts each thread's time once (see busyTime).
        Timeline.Segments segs = t.segments();
        long[] runs = new long[n];
        int runCount = 0;
        long[] edges = new long[2 * segmentCount];
        int edgeCount = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        java.util.BitSet threadSet = new java.util.BitSet();
        long taskRun = 0;
        for (int i = 0; i < segmentCount; i++) {
            int seg = segments[i];
            int task = segs.task(seg);
            long start = segs.start(seg);
            long end = segs.endOrRecordingEnd(seg, t.meta());
            threadSet.set(segs.thread(seg) + 1);
            taskRun += end - start;
            first = Math.min(first, start);
            last = Math.max(last, end);
            // Ends sort before starts at the same instant: back-to-back runs do not overlap.
            edges[edgeCount++] = start * 2 + 1;
            edges[edgeCount++] = end * 2;
            boolean lastOfTask = i + 1 == segmentCount || segs.task(segments[i + 1]) != task;
            if (lastOfTask) {
                if (t.hasEnded(task)) {
                    runs[runCount++] = taskRun;
                }
                taskRun = 0;
            }
        }
        long busy = busyTime(t, segments, segmentCount);
        Arrays.sort(edges, 0, edgeCount);
        int current = 0;
        int peak = 0;
        for (int i = 0; i < edgeCount; i++) {
            current += (edges[i] & 1) == 1 ? 1 : -1;
            peak = Math.max(peak, current);
        }
        this.failed = failedCount;
        this.rejected = rejectedCount;
        this.notStarted = notStartedCount;
        this.running = runningCount;
        this.threads = threadSet.cardinality();
        this.queueWait = new Percentiles(waits, waitCount);
        this.run = new Percentiles(runs, runCount);
        this.maxConcurrency = peak;
        long span = last - first;
        this.utilization = span > 0 && threads > 0 ? busy / (double) (span * threads) : 0.0;
    }

    /**
     * Time some thread spent running the executor's tasks: the union, per thread, of their runs.
     * A fork-join task that a joining thread runs inside another task's run is not counted twice.
     */
    private static long busyTime(Timeline t, int[] segments, int segmentCount) {
        Timeline.Segments segs = t.segments();
        long[] starts = new long[segmentCount];
        for (int i = 0; i < segmentCount; i++) {
            starts[i] = segs.start(segments[i]);
        }
        long[] coveredUntil = new long[t.threads().size() + 1];
        Arrays.fill(coveredUntil, Long.MIN_VALUE);
        long busy = 0;
        for (int i : Columns.orderBy(starts, segmentCount)) {
            int seg = segments[i];
            int thread = segs.thread(seg) + 1;
            long start = Math.max(segs.start(seg), coveredUntil[thread]);
            long end = segs.endOrRecordingEnd(seg, t.meta());
            if (end > start) {
                busy += end - start;
                coveredUntil[thread] = end;
            }
        }
        return busy;
    }

    /** Figures for every executor of {@code t}, in the timeline's executor order. */
    public static List<ExecutorStats> of(Timeline t) {
        int executors = t.executors().size();
        int[] counts = new int[executors];
        for (int i = 0; i < t.size(); i++) {
            counts[t.executor(i)]++;
        }
        int[][] members = new int[executors][];
        for (int e = 0; e < executors; e++) {
            members[e] = new int[counts[e]];
        }
        int[] fill = new int[executors];
        for (int i = 0; i < t.size(); i++) {
            int e = t.executor(i);
            members[e][fill[e]++] = i;
        }
        Timeline.Segments segs = t.segments();
        int[] segCounts = new int[executors];
        for (int s = 0; s < segs.count; s++) {
            segCounts[t.executor(segs.task(s))]++;
        }
        int[][] segMembers = new int[executors][];
        for (int e = 0; e < executors; e++) {
            segMembers[e] = new int[segCounts[e]];
        }
        int[] segFill = new int[executors];
        for (int s = 0; s < segs.count; s++) {
            int e = t.executor(segs.task(s));
            segMembers[e][segFill[e]++] = s;
        }
        List<ExecutorStats> out = new ArrayList<>(executors);
        for (int e = 0; e < executors; e++) {
            out.add(new ExecutorStats(t, e, members[e], counts[e], segMembers[e], segCounts[e]));
        }
        return out;
    }
}
