package dev.loopscope.benchmarks;

import dev.loopscope.agent.recorder.Failure;
import dev.loopscope.agent.recorder.Recorder;
import dev.loopscope.agent.recorder.Snapshot;
import dev.loopscope.agent.timeline.RawEvents;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * The recorder's memory per task and per event, for a recording shaped as in {@link
 * RecordedTasks}. An event is what one hook call appends to its thread's log: a submission (4
 * words) or a run (3 words; its end is written into it in place), so a task that ran is two.
 * Usage: {@code RecorderMemory [TASKS]} (default 1,000,000).
 */
final class RecorderMemory {

    /** The recordings made before measuring, so that class loading and one-time tables are not counted. */
    private static final int WARMUP_TASKS = 10_000;

    /**
     * @param recorderBytes what the recorder charged to its memory budget ({@code Snapshot.usedBytes()}):
     *     every 4 KiB chunk its threads' logs took (the unused tail of each included), each log's own
     *     512 bytes, each failure's reserved 1,096 and each executor's 160. What the {@code buffer=}
     *     option limits, less the part of it set aside up front for the recorder's tables, which
     *     does not grow with the tasks.
     * @param heapBytes the Java heap still in use after the recording, less what was in use before
     *     it (each after a full {@code System.gc()}): the recorder's real footprint, the objects the
     *     budget estimates included.
     */
    record Result(int tasks, long events, long recorderBytes, long heapBytes) {

        double bytesPerTask() {
            return (double) recorderBytes / tasks;
        }

        double bytesPerEvent() {
            return (double) recorderBytes / events;
        }

        double heapBytesPerTask() {
            return (double) heapBytes / tasks;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d tasks, %,d events: recorder %,d bytes (%.1f per task, %.1f per event);"
                    + " heap %,d bytes (%.1f per task)", tasks, events, recorderBytes, bytesPerTask(), bytesPerEvent(),
                    heapBytes, heapBytesPerTask());
        }
    }

    private RecorderMemory() {
    }

    static Result measure(int tasks) throws InterruptedException {
        RecordedTasks.record(WARMUP_TASKS);
        long before = heapUsedAfterGc();
        RecordedTasks recorded = RecordedTasks.record(tasks);
        long after = heapUsedAfterGc();
        Snapshot snapshot = recorded.recorder.snapshot();
        EventCount count = new EventCount();
        snapshot.replay(count);
        Reference.reachabilityFence(recorded);
        // Less what an empty recorder of the same buffer charges (the part set aside for its tables):
        // the cost per task, not a share of a fixed amount.
        long empty = new Recorder(RecordedTasks.bufferBytes(tasks)).snapshot().usedBytes();
        return new Result(tasks, count.events, snapshot.usedBytes() - empty, after - before);
    }

    private static long heapUsedAfterGc() {
        // twice: the first may leave objects that had finalizers or weak references to clear
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Counts the events a snapshot replays. */
    private static final class EventCount implements RawEvents {
        long events;

        @Override
        public void thread(int threadKey, long javaThreadId, String name, boolean daemon) {
        }

        @Override
        public void executor(int executorKey, String className, int identityHash, String userName) {
        }

        @Override
        public void submit(long ref, int threadKey, int hash, long time, long parentRef, int executorKey,
                String taskClass, long planned, boolean rejected) {
            events++;
        }

        @Override
        public void run(long ref, int threadKey, int hash, boolean threadRun, long start, long end, Failure failure) {
            events++;
        }

        @Override
        public void dropped(long events) {
        }
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(measure(args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000));
    }
}
