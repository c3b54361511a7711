package dev.loopscope.agent.recorder;

import static dev.loopscope.agent.recorder.EventLayout.CHUNK_WORDS;

/**
 * The fields a {@link ThreadLog}'s thread writes for every event, kept on cache lines of their
 * own. Logs of different threads end up next to each other in the heap (a GC compacts them
 * together), and without padding each owner's writes would keep invalidating its neighbours'
 * lines: measured, that false sharing cost a producer/consumer pair several times the recording
 * itself. Superclass fields are laid out before subclass fields, so the padding classes bracket
 * the hot ones.
 */
final class LogPadding {

    private LogPadding() {
    }

    @SuppressWarnings("unused")
    abstract static class Head {
        long p01, p02, p03, p04, p05, p06, p07, p08;
    }

    /** Written by the owning thread only (the reader sees {@code committed} with acquire). */
    abstract static class Hot extends Head {
        long[] current;
        int chunkCount;
        int offset = CHUNK_WORDS;
        long committed;
        /** Written with opaque stores (single writer), read the same way at exit. */
        long dropped;
        /** Runs in progress, innermost last: a ref and a flags word per level, padded (see RunStack). */
        long[] runStack = RunStack.create();
        int runDepth;
        /** JFR event handles of those runs, allocated once a recording needs them. */
        Object[] tapStack;
        /** The run of this thread's own thread-task, from Thread.run() to exit; 0 when none. */
        long threadRun;
        /** The last executor looked up, and its id: most threads submit to one executor. */
        Object lastExecutorKey;
        int lastExecutorId;
        /** Detection: the thread's loop state (null: not a loop), and the name and epoch it was decided for. */
        dev.loopscope.agent.detect.LoopThread loop;
        String loopName;
        int loopEpoch = -1;
        /** The ThreadPoolExecutor this thread is a worker of, if any. */
        Object pool;
        /** Inside the recorder's blocking hook: a nested one (from class loading, say) returns at once. */
        boolean inBlockingHook;
    }

    @SuppressWarnings("unused")
    abstract static class Tail extends Hot {
        long q01, q02, q03, q04, q05, q06, q07, q08;
    }
}
