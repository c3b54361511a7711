package dev.loopscope.agent.recorder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The recorder's memory limit. Logs reserve whole chunks here, never single events, so the
 * shared counter is touched once per few hundred events; once the budget is spent, a plain
 * volatile read tells every thread to drop without touching the counter again.
 */
public final class MemoryBudget {

    private final long limitBytes;
    private final AtomicLong reserved = new AtomicLong();
    private volatile boolean exhausted;
    /** Never cleared: once the heap could not give a log its memory, the recorder takes no more of it. */
    private volatile boolean outOfHeap;
    /** The first such error, kept as it is (making a message of it now could fail for want of heap too). */
    private volatile OutOfMemoryError heapError;
    /** Drops by threads whose log did not fit either, so no log of theirs is kept to count them. */
    private final LongAdder droppedUnlisted = new LongAdder();

    /**
     * Part of the buffer set aside, before any event, for what the recording keeps besides its
     * events: the maps of executors, classes and threads, the index of exited threads' logs, the
     * logs' own objects and chunk lists. About half a MiB in StressIT, whatever the number of
     * tasks; set aside so that all the agent keeps while recording stays within {@code buffer=}.
     */
    static long setAsideFor(long limitBytes) {
        return Math.min(limitBytes / 8, 1L << 20);
    }

    public MemoryBudget(long limitBytes) {
        this.limitBytes = limitBytes;
        reserved.set(setAsideFor(limitBytes));
    }

    public boolean tryReserve(long bytes) {
        if (exhausted || outOfHeap) {
            return false;
        }
        long now;
        do {
            now = reserved.get();
            if (now + bytes > limitBytes) {
                exhausted = true;
                // a release between the read above and the write just now must not be undone
                if (reserved.get() + bytes <= limitBytes) {
                    exhausted = false;
                }
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    /**
     * The heap could not give {@code bytes} reserved just now (an OutOfMemoryError): they are given
     * back, and the budget refuses everything from now on. The application needs what heap is
     * left more than the recording does; what comes after is dropped and counted.
     */
    void heapRanOut(long bytes, OutOfMemoryError error) {
        if (heapError == null) {
            heapError = error;
        }
        outOfHeap = true;
        reserved.addAndGet(-bytes);
    }

    /** The error of the first time the heap ran out, or null. */
    OutOfMemoryError heapError() {
        return heapError;
    }

    /** Gives back {@code bytes} reserved earlier (the logs of exited threads, freed for the harness). */
    void release(long bytes) {
        reserved.addAndGet(-bytes);
        exhausted = false; // the next reservation that does not fit sets it again
    }

    void dropUnlisted() {
        droppedUnlisted.increment();
    }

    long droppedUnlisted() {
        return droppedUnlisted.sum();
    }

    public long reservedBytes() {
        return reserved.get();
    }

    public long limitBytes() {
        return limitBytes;
    }

    public boolean isExhausted() {
        return exhausted || outOfHeap;
    }
}
