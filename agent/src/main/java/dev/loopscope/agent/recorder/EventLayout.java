package dev.loopscope.agent.recorder;

/**
 * The binary layout of events in a {@link ThreadLog}: the one place that both writes and reads
 * it. An event is a few {@code long}s in a chunk; word 0 holds the type in its low byte and the
 * task object's identity hash in its high half.
 *
 * <pre>
 * SUBMIT   (4 words)  w0 type | flags&lt;&lt;8 | hash&lt;&lt;32   w1 submit time   w2 parent run ref   w3 executor id | class id&lt;&lt;32
 * SCHEDULE (5 words)  as SUBMIT, then                                                       w4 planned start time
 * RUN      (3 words)  w0 type | failure+1&lt;&lt;8 | hash&lt;&lt;32   w1 start time   w2 end time (0 while running)
 * THREAD_RUN          as RUN, for a thread running its own run(), or one mount of a virtual
 *                     thread (recorded on its carrier); matched only to thread starts
 * </pre>
 *
 * A type of 0 is the unused tail of a chunk. A <em>ref</em> names an event: the log's slot in the
 * high 32 bits, the event's position in the log (in words) in the low 32.
 */
public final class EventLayout {

    public static final int TYPE_PADDING = 0;
    public static final int TYPE_SUBMIT = 1;
    public static final int TYPE_SCHEDULE = 2;
    public static final int TYPE_RUN = 3;
    public static final int TYPE_THREAD_RUN = 4;

    public static final int SUBMIT_WORDS = 4;
    public static final int SCHEDULE_WORDS = 5;
    public static final int RUN_WORDS = 3;

    /** Submission flag: the executor rejected the task. */
    public static final int FLAG_REJECTED = 1;

    /** Executor id used for {@code Thread.start}: each started thread is a task of it. */
    public static final int THREAD_EXECUTOR_ID = 1;
    /** Executor id used for virtual threads: each started virtual thread is a task of it. */
    public static final int VIRTUAL_EXECUTOR_ID = 2;
    /** Executor id for executors first seen after the buffer was full. */
    public static final int OVERFLOW_EXECUTOR_ID = 3;
    /** The first id of a real executor. */
    public static final int FIRST_EXECUTOR_ID = 4;
    /** Executor id for a ForkJoinPool the hooks could not name. */
    public static final int UNKNOWN_EXECUTOR_ID = 0;

    /** Words per chunk; an event never straddles two chunks. */
    public static final int CHUNK_WORDS = 512;

    private EventLayout() {
    }

    /** Whether tasks of this executor are threads (whose runs are THREAD_RUN events). */
    public static boolean isThreadExecutor(int executorId) {
        return executorId == THREAD_EXECUTOR_ID || executorId == VIRTUAL_EXECUTOR_ID;
    }

    public static int type(long w0) {
        return (int) (w0 & 0xFF);
    }

    public static int hash(long w0) {
        return (int) (w0 >>> 32);
    }

    public static int flags(long w0) {
        return (int) ((w0 >>> 8) & 0xFF);
    }

    /** Index of the failure in the log's failure list, or -1 for a normal end. */
    public static int failure(long w0) {
        return (int) ((w0 >>> 8) & 0xFF_FFFF) - 1;
    }

    public static int words(int type) {
        switch (type) {
            case TYPE_SUBMIT:
                return SUBMIT_WORDS;
            case TYPE_SCHEDULE:
                return SCHEDULE_WORDS;
            case TYPE_RUN:
            case TYPE_THREAD_RUN:
                return RUN_WORDS;
            default:
                return -1;
        }
    }

    static long header(int type, int flagsOrFailure, int hash) {
        return type | ((long) flagsOrFailure << 8) | ((long) hash << 32);
    }

    public static long ref(int slot, long position) {
        return ((long) slot << 32) | position;
    }

    public static int refSlot(long ref) {
        return (int) (ref >>> 32);
    }

    public static long refPosition(long ref) {
        return ref & 0xFFFF_FFFFL;
    }

    public static int executorId(long w3) {
        return (int) w3;
    }

    public static int classId(long w3) {
        return (int) (w3 >>> 32);
    }
}
