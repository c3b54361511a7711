package dev.loopscope.agent.detect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * What the detector keeps of one loop thread. The thread itself writes its task runs and
 * blocking calls here; the watchdog reads them from its own thread to find stalls.
 *
 * <p>Runs are published through {@code seq}: odd while a task runs, even between tasks, bumped
 * with a release store after the run's fields are written, so a reader that sees an odd {@code
 * seq} with acquire, and the same {@code seq} again after reading, has a consistent start and
 * ref. Nested runs (a fork-join task helping another while it joins) are part of the outermost.
 */
public final class LoopThread {

    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(LoopThread.class, "seq", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final WeakReference<Thread> thread;
    final long threadId;
    final LoopThreads.Kind kind;
    /** A pool's worker: between tasks it waits for work, which is not a blocking call. */
    final boolean poolWorker;

    // written by the thread, read by the watchdog
    private int seq;
    private long runStart;
    private long runRef;
    private long lastRunEnd;
    /** The run the watchdog found stalled; its end is kept in stallEnd. */
    private volatile int stallWatch = -1;
    private volatile long stallEnd;
    /** The outermost blocking call in progress, null when none (read by the watchdog). */
    volatile BlockingCall blocking;

    // the thread's own
    private int taskDepth;
    /** The last finding on this thread and when it returned: a re-park at once continues it. */
    BlockingCall lastCall;
    long lastCallEnd;

    // the watchdog's own
    Stall stall;
    MonitorEpisode monitor;

    LoopThread(Thread thread, LoopThreads.Kind kind, boolean poolWorker) {
        this.thread = new WeakReference<>(thread);
        this.threadId = thread.getId();
        this.kind = kind;
        this.poolWorker = poolWorker;
    }

    public LoopThreads.Kind kind() {
        return kind;
    }

    // ---- the thread itself ----

    /** A task run begins on this thread; {@code ref} is the recorder's ref of the run (-1: dropped). */
    public void taskStarted(long ref, long now) {
        if (taskDepth++ == 0) {
            runStart = now;
            runRef = ref;
            SEQ.setRelease(this, seq + 1);
        }
    }

    public void taskEnded(long now) {
        if (taskDepth == 0 || --taskDepth > 0) {
            return;
        }
        int s = seq;
        lastRunEnd = now;
        if (stallWatch == s) {
            stallEnd = now;
        }
        SEQ.setRelease(this, s + 1);
    }

    /** Whether a pool worker is between tasks: waiting for work is how a pool idles. */
    boolean idleWorker() {
        return poolWorker && taskDepth == 0;
    }

    // ---- the watchdog ----

    int seq() {
        return (int) SEQ.getAcquire(this);
    }

    long runStart() {
        return runStart;
    }

    long runRef() {
        return runRef;
    }

    /** Asks the thread to keep the end time of run {@code s}, which the watchdog found stalled. */
    void watchStall(int s) {
        stallEnd = 0L;
        stallWatch = s;
    }

    /**
     * When run {@code s} ended, as exactly as the thread left it; {@code now} if a later run has
     * since overwritten it and the thread did not see the watch in time.
     */
    long endOf(int s, long now) {
        long end = stallEnd;
        if (stallWatch == s && end != 0L) {
            return end;
        }
        // lastRunEnd is run s's until the next run ends too (seq s + 3)
        int before = seq();
        long last = lastRunEnd;
        int after = seq();
        return before == after && (after == s + 1 || after == s + 2) ? last : now;
    }

    Thread thread() {
        return thread.get();
    }
}
