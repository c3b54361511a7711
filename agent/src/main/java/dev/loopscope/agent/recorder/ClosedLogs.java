package dev.loopscope.agent.recorder;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The logs of exited threads in the order they closed, numbered from 1, so that a snapshot since a
 * {@link RecordingMark} finds the logs that closed after it without walking every log. Lock-free:
 * a closing thread takes a number, then stores its log in a chunk of 1024, made on first use. It
 * is a ring with room for every log the memory budget can list at once: a log not yet freed holds
 * its share of the budget, so its slot is never needed again before it is taken out.
 */
final class ClosedLogs {

    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final AtomicLong count = new AtomicLong();
    private final AtomicReferenceArray<AtomicReferenceArray<ThreadLog>> chunks;

    /** Slots in the ring: a whole number of chunks. */
    private final long capacity;

    ClosedLogs(long maxLogs) {
        int chunkCount = (int) Math.min(Integer.MAX_VALUE - 8, maxLogs / CHUNK + 1);
        chunks = new AtomicReferenceArray<>(chunkCount);
        capacity = (long) chunkCount * CHUNK;
    }

    /** Files {@code log}; returns its number (1, 2, ...), or 0 if its slot is still taken (it was not filed). */
    long add(ThreadLog log) {
        long number = count.incrementAndGet();
        AtomicReferenceArray<ThreadLog> chunk = chunkOf(number, true);
        return chunk.compareAndSet(slotOf(number), null, log) ? number : 0L;
    }

    /**
     * Removes the logs numbered {@code after + 1} to {@code upTo} and adds them to {@code out}. Stops
     * at a number whose log is not stored yet (its thread is between taking it and storing it).
     * Returns the last number taken: where the next call starts.
     */
    long takeRange(long after, long upTo, List<ThreadLog> out) {
        long number = after;
        while (number < upTo) {
            AtomicReferenceArray<ThreadLog> chunk = chunkOf(number + 1, false);
            ThreadLog log = chunk == null ? null : chunk.get(slotOf(number + 1));
            if (log == null || log.closedAs() != number + 1) {
                break; // not stored yet, or its thread has not noted its number yet: next time
            }
            chunk.set(slotOf(number + 1), null);
            out.add(log);
            number++;
        }
        return number;
    }

    private AtomicReferenceArray<ThreadLog> chunkOf(long number, boolean create) {
        int c = (int) (((number - 1) % capacity) >>> CHUNK_BITS);
        AtomicReferenceArray<ThreadLog> chunk = chunks.get(c);
        if (chunk == null && create) {
            chunks.compareAndSet(c, null, new AtomicReferenceArray<>(CHUNK));
            chunk = chunks.get(c);
        }
        return chunk;
    }

    private static int slotOf(long number) {
        return (int) ((number - 1) & (CHUNK - 1));
    }

    /** How many numbers have been taken; the logs of the last few may not be stored yet. */
    long count() {
        return count.get();
    }

    /**
     * Adds to {@code out} the logs numbered {@code after + 1} to {@code upTo}. One that has its
     * number but is not stored yet is skipped: its thread leaves the live logs only after storing
     * it, so a reader that read the live logs first has it from there.
     */
    void addRange(long after, long upTo, List<ThreadLog> out) {
        for (long number = Math.max(after, upTo - capacity) + 1; number <= upTo; number++) {
            AtomicReferenceArray<ThreadLog> chunk = chunkOf(number, false);
            ThreadLog log = chunk == null ? null : chunk.get(slotOf(number));
            if (log != null && log.closedAs() == number) { // else freed, and its slot reused or not yet
                out.add(log);
            }
        }
    }
}
