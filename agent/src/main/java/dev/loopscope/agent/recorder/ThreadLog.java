package dev.loopscope.agent.recorder;

import static dev.loopscope.agent.recorder.EventLayout.CHUNK_WORDS;

import dev.loopscope.agent.internal.FaultInjection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The events of one thread, appended by that thread only.
 *
 * <p>Writes are plain stores into the current chunk followed by a release store of {@code
 * committed}; a reader (the report writer at exit, possibly while the thread still runs) reads
 * {@code committed} with acquire semantics and then only the words below it. Fields updated in
 * place after publication (a run's end time, its failure, a rejection flag) may be seen late by
 * such a reader: a run then reads as unfinished, or as failed without details, which is the
 * honest answer at that instant.
 */
public final class ThreadLog extends LogPadding.Tail {

    /**
     * Bytes a log itself costs against the budget: the object with its padding (264), its run
     * stack (272), its thread's weak reference, its first arrays and, for a fork-join worker, its
     * entry in the recorder's logs by thread (about 130).
     */
    static final long LOG_BYTES = 704;
    /** Bytes a chunk costs against the budget: its words plus the array header. */
    static final long CHUNK_BYTES = CHUNK_WORDS * 8L + 16;
    private static final long FAILURE_BYTES = 96 + 2L * Failure.MAX_MESSAGE_CHARS;
    private static final VarHandle COMMITTED;
    private static final VarHandle DROPPED;

    static {
        try {
            COMMITTED = MethodHandles.lookup().findVarHandle(LogPadding.Hot.class, "committed", long.class);
            DROPPED = MethodHandles.lookup().findVarHandle(LogPadding.Hot.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int slot;
    final boolean ignored;
    /**
     * Kept in the recorder's list of logs (and so read at exit). A thread that appears once the
     * budget is spent gets an unlisted log: it records nothing, and its drops are counted in the
     * budget, so that a million short-lived threads cannot grow the list without bound.
     */
    final boolean listed;
    /** A carrier of virtual threads: its runs are the mounts of virtual threads. */
    final boolean carrier;
    /**
     * Virtual threads may write here, one after another: a carrier's log, or one made while a
     * virtual thread was mounted (it sits in the carrier's slot). A writer must fetch it again
     * after anything that may block; see {@link Recorder}.
     */
    final boolean mayChangeHands;
    private final long threadId;
    private final WeakReference<Thread> thread;
    private final boolean daemon;
    private volatile String threadName;
    private final MemoryBudget budget;
    private volatile long[][] chunks = new long[2][];


    private volatile Failure[] failures = new Failure[0];
    private int failureCount;


    ThreadLog(int slot, Thread thread, boolean ignored, boolean listed, MemoryBudget budget, boolean carrier) {
        this.slot = slot;
        this.listed = listed;
        this.carrier = carrier;
        this.mayChangeHands = carrier || VirtualThreads.isVirtual(thread);
        this.thread = new WeakReference<>(thread);
        this.threadId = thread.getId();
        this.threadName = thread.getName();
        this.daemon = thread.isDaemon();
        this.ignored = ignored;
        this.budget = budget;
    }

    // ---- writing (owner thread only) ----

    long submit(int type, int hash, long time, int executorId, int classId, long planned) {
        int words = type == EventLayout.TYPE_SCHEDULE ? EventLayout.SCHEDULE_WORDS : EventLayout.SUBMIT_WORDS;
        int at = reserve(words);
        if (at < 0) {
            return 0L;
        }
        long[] c = current;
        c[at] = EventLayout.header(type, 0, hash);
        c[at + 1] = time;
        c[at + 2] = Math.max(0L, currentRun());
        c[at + 3] = (executorId & 0xFFFF_FFFFL) | ((long) classId << 32);
        if (type == EventLayout.TYPE_SCHEDULE) {
            c[at + 4] = planned;
        }
        return publish(at, words);
    }

    void markRejected(long ref) {
        long[] c = chunkOf(ref);
        int at = offsetOf(ref);
        if (c != null) {
            c[at] |= (long) EventLayout.FLAG_REJECTED << 8;
        }
    }

    long runStart(int type, int hash, long time, boolean stage) {
        int at = reserve(EventLayout.RUN_WORDS);
        long ref = 0L;
        if (at >= 0) {
            long[] c = current;
            c[at] = EventLayout.header(type, 0, hash);
            c[at + 1] = time;
            ref = publish(at, EventLayout.RUN_WORDS);
        }
        // A dropped run still needs a token of its own, so that its end pops it off the stack.
        long token = ref != 0L ? ref : -1L;
        push(token, stage);
        return token;
    }

    void runEnd(long ref, long time) {
        pop(ref);
        if (ref > 0) {
            long[] c = chunkOf(ref);
            if (c != null) {
                c[offsetOf(ref) + 2] = time;
            }
        }
    }

    /** Records that the run {@code ref} ended in failure, unless a failure is already recorded. */
    void runFailed(long ref, Failure failure) {
        if (ref <= 0) {
            return;
        }
        long[] c = chunkOf(ref);
        int at = offsetOf(ref);
        if (c == null || EventLayout.failure(c[at]) >= 0) {
            return;
        }
        int index = addFailure(failure);
        if (index >= 0 && index < 0xFF_FFFE) {
            c[at] = (c[at] & ~(0xFF_FFFFL << 8)) | ((long) (index + 1) << 8);
        }
    }

    /** The innermost run in progress: its ref, -1 if it was dropped, 0 if none. */
    long currentRun() {
        return runDepth > 0 ? runStack[RunStack.refAt(runDepth - 1)] : 0L;
    }

    /** The number the recorder gave this log when its thread exited (1, 2, ...); 0 while it runs. */
    private volatile long closedAs;

    void closeAs(long number) {
        closedAs = number;
    }

    long closedAs() {
        return closedAs;
    }

    private volatile boolean evicted;

    /**
     * Gives this closed log up, so that its memory can go to new logs; returns the bytes it had
     * reserved. Nothing is cleared: its thread has exited, and once the recorder lets go of it the
     * collector takes it whole (a reader still inside it reads on safely).
     */
    long evict() {
        evicted = true;
        // its thread's last writes happen-before the closed logs' store that made it reachable here
        return LOG_BYTES + (long) chunkCount * CHUNK_BYTES + (long) failureCount * FAILURE_BYTES;
    }

    boolean isEvicted() {
        return evicted;
    }

    /** Whether this log was closed before the recorder had closed {@code closedLogs} logs. */
    boolean closedBefore(long closedLogs) {
        long n = closedAs;
        return n != 0L && n <= closedLogs;
    }

    /** The thread is exiting: keep its final name, and let go of the executor it last used. */
    void threadExiting() {
        Thread t = thread.get();
        if (t != null) {
            threadName = t.getName();
        }
        lastExecutorKey = null;
    }

    private void push(long ref, boolean stage) {
        if (runDepth == RunStack.levels(runStack)) {
            runStack = RunStack.grow(runStack);
        }
        if (tapStack != null) {
            if (tapStack.length < RunStack.levels(runStack)) {
                tapStack = RunStack.growTaps(tapStack, RunStack.levels(runStack));
            }
            tapStack[runDepth] = null;
        }
        runStack[RunStack.flagsAt(runDepth)] = stage ? RunStack.FLAG_STAGE : 0;
        runStack[RunStack.refAt(runDepth++)] = ref;
    }

    void attachTap(Object handle) {
        if (runDepth > 0) {
            if (tapStack == null || tapStack.length < RunStack.levels(runStack)) {
                tapStack = RunStack.growTaps(tapStack, RunStack.levels(runStack));
            }
            tapStack[runDepth - 1] = handle;
        }
    }

    /** The JFR handle of the run {@code ref}, if it is in progress on this thread. */
    Object tapOf(long ref) {
        if (tapStack == null) {
            return null;
        }
        int level = levelOf(ref);
        return level >= 0 ? tapStack[level] : null;
    }

    private int levelOf(long ref) {
        for (int i = runDepth - 1; i >= 0; i--) {
            if (runStack[RunStack.refAt(i)] == ref) {
                return i;
            }
        }
        return -1;
    }

    /** The failure recorded for the run {@code ref}, or null. */
    Failure failureOf(long ref) {
        if (ref <= 0) {
            return null;
        }
        long[] c = chunkOf(ref);
        return c == null ? null : failure(EventLayout.failure(c[offsetOf(ref)]));
    }

    boolean currentRunIsStage() {
        return runDepth > 0 && (runStack[RunStack.flagsAt(runDepth - 1)] & RunStack.FLAG_STAGE) != 0;
    }

    private void pop(long ref) {
        // Normally the top; search down in case an end was lost (a hook faulted mid-run).
        int level = levelOf(ref);
        if (level < 0) {
            return;
        }
        if (tapStack != null) {
            Arrays.fill(tapStack, level, runDepth, null);
        }
        runDepth = level;
    }

    /**
     * Whether an event of {@code words} cannot be recorded: the budget is spent and the current
     * chunk is full. Lets a hook skip its clock reads and lookups once recording has stopped.
     */
    boolean full(int words) {
        return offset + words > CHUNK_WORDS && budget.isExhausted();
    }

    void countDrop() {
        if (listed) {
            DROPPED.setOpaque(this, dropped + 1);
        } else {
            budget.dropUnlisted();
        }
    }

    /** A run that is not recorded, but still nests: its token pops it off the stack. */
    long runDropped() {
        countDrop();
        return runNotRecorded();
    }

    /** A run with no event: only its nesting is kept, so that the run it ends inside is known. */
    long runNotRecorded() {
        push(-1L, false);
        return -1L;
    }

    private int reserve(int words) {
        if (offset + words > CHUNK_WORDS && !newChunk()) {
            countDrop();
            return -1;
        }
        int at = offset;
        offset += words;
        return at;
    }

    private boolean newChunk() {
        if (!budget.tryReserve(CHUNK_BYTES)) {
            return false;
        }
        long[][] all = chunks;
        long[] chunk;
        try {
            if (FaultInjection.BUFFER) {
                FaultInjection.chunkAllocating();
            }
            chunk = new long[CHUNK_WORDS];
            if (chunkCount == all.length) {
                all = Arrays.copyOf(all, chunkCount * 2);
            }
        } catch (OutOfMemoryError e) {
            // The heap is spent, not just the buffer: the error belongs to the agent's allocation,
            // never to the application's code, and this event is dropped like any that does not fit.
            budget.heapRanOut(CHUNK_BYTES, e);
            return false;
        }
        all[chunkCount] = chunk;
        current = chunk;
        chunkCount++;
        chunks = all;
        offset = 0;
        return true;
    }

    private long publish(int at, int words) {
        long start = (long) (chunkCount - 1) * CHUNK_WORDS + at;
        COMMITTED.setRelease(this, start + words);
        return EventLayout.ref(slot, start);
    }

    /**
     * The chunk holding the event {@code ref}, or null when it is not this log's: a virtual thread
     * that blocked inside a JDK call may end it on another carrier, whose log it must not touch.
     */
    private long[] chunkOf(long ref) {
        if (EventLayout.refSlot(ref) != slot) {
            return null;
        }
        long position = EventLayout.refPosition(ref);
        int index = (int) (position / CHUNK_WORDS);
        long[][] all = chunks;
        return index < all.length ? all[index] : null;
    }

    private static int offsetOf(long ref) {
        return (int) (EventLayout.refPosition(ref) % CHUNK_WORDS);
    }

    private int addFailure(Failure f) {
        if (!budget.tryReserve(FAILURE_BYTES)) {
            return -1;
        }
        Failure[] all = failures;
        if (failureCount == all.length) {
            all = Arrays.copyOf(all, Math.max(4, failureCount * 2));
        }
        all[failureCount] = f;
        failures = all;
        return failureCount++;
    }

    /** Whether this is the log of {@code t}. */
    boolean isOf(Thread t) {
        return thread.get() == t;
    }

    // ---- reading (any thread) ----

    public int slot() {
        return slot;
    }

    public long threadId() {
        return threadId;
    }

    public String threadName() {
        Thread t = thread.get();
        return t != null ? t.getName() : threadName;
    }

    public boolean isDaemon() {
        return daemon;
    }

    public long droppedEvents() {
        return (long) DROPPED.getOpaque(this);
    }

    /** Words published so far; everything below is safe to read. */
    public long committedWords() {
        return (long) COMMITTED.getAcquire(this);
    }

    /** The word at {@code position} (below {@link #committedWords()}). */
    public long word(long position) {
        return chunks[(int) (position / CHUNK_WORDS)][(int) (position % CHUNK_WORDS)];
    }

    public Failure failure(int index) {
        Failure[] all = failures;
        return index >= 0 && index < all.length ? all[index] : null;
    }
}
