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
    private static final VarHandle STALL_WATCH;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(LoopThread.class, "seq", int.class);
            STALL_WATCH = MethodHandles.lookup().findVarHandle(LoopThread.class, "stallWatch", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final WeakReference<Thread> thread;
    /** The thread's group, kept: a thread that ended has none. */
    private final ThreadGroup group;
    /** The origin of the task running now, if the harness tracks origins. */
    private volatile Object taskOrigin;
    final long threadId;
    final LoopThreads.Kind kind;
    /** A pool's worker: between tasks it waits for work, which is not a blocking call. */
    final boolean poolWorker;

    // written by the thread, read by the watchdog
    private int seq;
    private long runStart;
    private long runRef;
    private long lastRunEnd;
    /**
     * The run reported as a stall, claimed by compare-and-set: by the watchdog while the run goes
     * on, or by the thread itself at the end of a run the watchdog did not catch in time, so a
     * stall is reported once. The thread keeps the end of a run the watchdog claimed in stallEnd.
     */
    private volatile int stallWatch = -1;
    private volatile long stallEnd;
    /** The outermost blocking call in progress, null when none (read by the watchdog). */
    volatile BlockingCall blocking;

    // the thread's own
    private int taskDepth;
    private volatile boolean retired;
    /** The last finding on this thread and when it returned: a re-park at once continues it. */
    BlockingCall lastCall;
    long lastCallEnd;

    // the watchdog's own
    Stall stall;
    MonitorEpisode monitor;

    LoopThread(Thread thread, LoopThreads.Kind kind, boolean poolWorker) {
        this.thread = new WeakReference<>(thread);
        this.group = thread.getThreadGroup();
        this.threadId = thread.getId();
        this.kind = kind;
        this.poolWorker = poolWorker;
    }

    /**
     * Whose work the thread does now: its task's origin if known, else its own group (not for a
     * common-pool worker, whose group is that of whoever made the pool grow).
     */
    Object origin() {
        Object o = taskOrigin;
        return o != null || kind == LoopThreads.Kind.COMMON_POOL ? o : group;
    }

    public LoopThreads.Kind kind() {
        return kind;
    }

    // ---- the thread itself ----

    /** A task run begins on this thread; {@code ref} is the recorder's ref of the run (-1: dropped). */
    public void taskStarted(long ref, long now) {
        if (taskDepth++ == 0) {
            taskOrigin = dev.loopscope.agent.bootstrap.Hooks.currentOrigin();
            runStart = now;
            runRef = ref;
            SEQ.setRelease(this, seq + 1);
        }
    }

    /**
     * A task run ends. Returns the outermost run's start when it lasted at least {@code
     * stallNanos} and the watchdog had not claimed it (the thread claims it instead: a stall for
     * the caller to report); otherwise -1.
     */
    public long taskEnded(long now, long stallNanos) {
        if (taskDepth == 0 || --taskDepth > 0) {
            return -1L;
        }
        taskOrigin = null; // what it does between tasks is nobody's task
        int s = seq;
        lastRunEnd = now;
        long unseenStall = -1L;
        int claim = stallWatch;
        if (claim == s) {
            stallEnd = now;
        } else if (stallNanos > 0 && now - runStart >= stallNanos && kind == LoopThreads.Kind.LOOP) {
            if (STALL_WATCH.compareAndSet(this, claim, s)) {
                unseenStall = runStart;
            } else {
                stallEnd = now; // the watchdog claimed it this very moment
            }
        }
        SEQ.setRelease(this, s + 1);
        return unseenStall;
    }

    /** The thread stops being this kind of loop (renamed, say): a run in progress ends here for the watchdog. */
    void retire(long now) {
        if (taskDepth > 0) {
            taskDepth = 1;
            taskEnded(now, 0L);
        }
        retired = true;
    }

    /** Whether the thread stopped being this kind of loop: the watchdog's to let go of. */
    boolean retired() {
        return retired;
    }

    /** The thread's own read of its current run's ref. */
    long ownRunRef() {
        return runRef;
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

    /** Claims run {@code s} as a stall for the watchdog, unless the thread claimed it at its end first. */
    boolean claimStall(int s) {
        int claim = stallWatch;
        if (claim == s) {
            return false;
        }
        stallEnd = 0L;
        return STALL_WATCH.compareAndSet(this, claim, s);
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
