package dev.loopscope.agent.timeline;

import dev.loopscope.agent.recorder.Failure;
import java.util.List;

/**
 * The recorded tasks of one run, the single model every report writer reads.
 *
 * <p>Tasks are stored column by column (a million tasks are a handful of arrays, not a million
 * objects) and indexed from 0 in order of first appearance; a task's public id is its index + 1.
 * Times are nanoseconds since the recording began; {@code -1} means unknown (no submission was
 * seen, the task never started) and an end of {@code -1} after a start means it was still running
 * when the recording was taken.
 */
public final class Timeline {

    public static final byte FLAG_REJECTED = 1;
    public static final byte FLAG_THREAD = 2;
    public static final byte FLAG_SCHEDULED = 4;
    public static final byte FLAG_VIRTUAL = 8;

    /**
     * Every run of every task, as (task, start, end, thread): one per task, except virtual
     * threads, which have one per mount on a carrier thread. Ordered by task, then time.
     */
    public static final class Segments {
        public final int count;
        final int[] task;
        final long[] start;
        final long[] end;
        final int[] thread;

        Segments(int count, int[] task, long[] start, long[] end, int[] thread) {
            this.count = count;
            this.task = task;
            this.start = start;
            this.end = end;
            this.thread = thread;
        }

        public int task(int segment) {
            return task[segment];
        }

        public long start(int segment) {
            return start[segment];
        }

        /** The end, or -1 while it was still running. */
        public long end(int segment) {
            return end[segment];
        }

        /** The end, or for a run still going when the recording was taken, the recording's end. */
        public long endOrRecordingEnd(int segment, Meta meta) {
            return end[segment] >= 0 ? end[segment] : Math.max(start[segment], meta.durationNanos);
        }

        public int thread(int segment) {
            return thread[segment];
        }
    }

    /** Facts about the recording as a whole. */
    public static final class Meta {
        public final String jdk;
        public final long startEpochMillis;
        /** The {@code System.nanoTime()} of time 0, to line the timeline up with the application's own clock reads. */
        public final long originNanoTime;
        public final long durationNanos;
        public final long droppedEvents;
        /**
         * The recording does not tell the whole story: a cut-off file, or (at exit) work still in
         * flight, which {@link #unfinished} counts.
         */
        public final boolean partial;
        /** Tasks running, or queued and not started, when the recording was taken. */
        public final Unfinished unfinished;
        public final String source;

        public Meta(String jdk, long startEpochMillis, long originNanoTime, long durationNanos, long droppedEvents,
                boolean partial, Unfinished unfinished, String source) {
            this.jdk = jdk;
            this.startEpochMillis = startEpochMillis;
            this.originNanoTime = originNanoTime;
            this.durationNanos = durationNanos;
            this.droppedEvents = droppedEvents;
            this.partial = partial;
            this.unfinished = unfinished;
            this.source = source;
        }
    }

    /** A thread tasks ran on. */
    public static final class ThreadInfo {
        public final String name;
        public final long javaId;
        public final boolean daemon;

        public ThreadInfo(String name, long javaId, boolean daemon) {
            this.name = name;
            this.javaId = javaId;
            this.daemon = daemon;
        }
    }

    /** An executor, with the name it is shown under. */
    public static final class ExecutorInfo {
        public final String name;
        public final String className;

        public ExecutorInfo(String name, String className) {
            this.name = name;
            this.className = className;
        }
    }

    final Meta meta;
    final List<ThreadInfo> threads;
    final List<ExecutorInfo> executors;
    final List<String> taskNames;
    final List<Failure> failures;
    final int size;
    final int[] parent;
    final int[] executor;
    final int[] name;
    final long[] submit;
    final long[] planned;
    final long[] start;
    final long[] end;
    final int[] thread;
    final int[] submitThread;
    final int[] failure;
    final byte[] flags;
    final Segments segments;
    /** Recorder refs of runs to their tasks, so findings made on a run can name its task. */
    private final Columns.LongIntMap runTasks;

    Timeline(Meta meta, List<ThreadInfo> threads, List<ExecutorInfo> executors, List<String> taskNames,
            List<Failure> failures, int size, int[] parent, int[] executor, int[] name, long[] submit, long[] planned,
            long[] start, long[] end, int[] thread, int[] submitThread, int[] failure, byte[] flags, Segments segments,
            Columns.LongIntMap runTasks) {
        this.meta = meta;
        this.threads = threads;
        this.executors = executors;
        this.taskNames = taskNames;
        this.failures = failures;
        this.size = size;
        this.parent = parent;
        this.executor = executor;
        this.name = name;
        this.submit = submit;
        this.planned = planned;
        this.start = start;
        this.end = end;
        this.thread = thread;
        this.submitThread = submitThread;
        this.failure = failure;
        this.flags = flags;
        this.segments = segments;
        this.runTasks = runTasks;
    }

    /** The task (an index) of the run with recorder ref {@code ref}; -1 if unknown, dropped or filtered out. */
    public int taskOfRun(long ref) {
        return ref > 0 ? runTasks.get(ref, -1) : -1;
    }

    public Segments segments() {
        return segments;
    }

    public Meta meta() {
        return meta;
    }

    public List<ThreadInfo> threads() {
        return threads;
    }

    public List<ExecutorInfo> executors() {
        return executors;
    }

    /** Distinct task names; {@link #nameIndex} points into this list. */
    public List<String> taskNames() {
        return taskNames;
    }

    public List<Failure> failures() {
        return failures;
    }

    public int size() {
        return size;
    }

    public long id(int task) {
        return task + 1L;
    }

    /** The parent task's index, or -1. */
    public int parent(int task) {
        return parent[task];
    }

    public int executor(int task) {
        return executor[task];
    }

    public int nameIndex(int task) {
        return name[task];
    }

    public String name(int task) {
        return taskNames.get(name[task]);
    }

    public long submitNanos(int task) {
        return submit[task];
    }

    /** The planned start of a scheduled task, or -1. */
    public long plannedNanos(int task) {
        return planned[task];
    }

    public long startNanos(int task) {
        return start[task];
    }

    public long endNanos(int task) {
        return end[task];
    }

    /** The thread index the task (first) ran on, or -1 when it never started. */
    public int thread(int task) {
        return thread[task];
    }

    /** The thread index the task was submitted from, or -1 when no submission was seen. */
    public int submitThread(int task) {
        return submitThread[task];
    }

    /** Index into {@link #failures()}, or -1 when the task did not fail (or has not ended). */
    public int failureIndex(int task) {
        return failure[task];
    }

    public Failure failure(int task) {
        return failure[task] < 0 ? null : failures.get(failure[task]);
    }

    /** The task's FLAG_* bits. */
    public int flags(int task) {
        return flags[task];
    }

    public boolean isRejected(int task) {
        return (flags[task] & FLAG_REJECTED) != 0;
    }

    /** Whether the task is a thread started with {@code Thread.start}. */
    public boolean isThread(int task) {
        return (flags[task] & FLAG_THREAD) != 0;
    }

    public boolean isVirtual(int task) {
        return (flags[task] & FLAG_VIRTUAL) != 0;
    }

    public boolean isScheduled(int task) {
        return (flags[task] & FLAG_SCHEDULED) != 0;
    }

    public boolean hasStarted(int task) {
        return start[task] >= 0;
    }

    public boolean hasEnded(int task) {
        return end[task] >= 0;
    }

    /**
     * Time spent ready but not running: from submission, or for a scheduled task from its planned
     * start (the delay it asked for is not waiting), to its start; -1 when either is unknown.
     */
    public long queueWaitNanos(int task) {
        if (submit[task] < 0 || start[task] < 0) {
            return -1;
        }
        return Math.max(0, start[task] - Math.max(submit[task], planned[task]));
    }

    /** Time spent running, or -1 when it did not start or end. */
    public long runNanos(int task) {
        return start[task] >= 0 && end[task] >= 0 ? Math.max(0, end[task] - start[task]) : -1;
    }
}
