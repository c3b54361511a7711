package dev.loopscope.agent.timeline;

import dev.loopscope.agent.recorder.Failure;

/**
 * The recorded facts, one call per event, as every source delivers them: the live recorder's
 * logs and a JFR recording alike. {@link TimelineBuilder} is the one consumer that turns them into
 * a {@link Timeline}. Times are {@code System.nanoTime()} values; refs are opaque, unique ids of
 * events (a submission's ref names the task until it is matched to its run).
 */
public interface RawEvents {

    /** A thread that recorded events; {@code threadKey} is what runs refer to it by. */
    void thread(int threadKey, long javaThreadId, String name, boolean daemon);

    /** An executor; {@code executorKey} is what submissions refer to it by. */
    void executor(int executorKey, String className, int identityHash, String userName);

    /**
     * A task was handed to an executor. {@code parentRef} is the ref of the run during which it was
     * submitted, or 0; {@code planned} is the planned start of a scheduled task, or 0.
     */
    void submit(long ref, int threadKey, int hash, long time, long parentRef, int executorKey, String taskClass,
            long planned, boolean rejected);

    /**
     * A task ran on {@code threadKey} from {@code start} to {@code end} ({@code 0} when it had not
     * ended). {@code threadRun} marks a thread running its own {@code run()}.
     */
    void run(long ref, int threadKey, int hash, boolean threadRun, long start, long end, Failure failure);

    /** Events that did not fit in the buffer. */
    void dropped(long events);
}
