package dev.loopscope.agent.recorder;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The logs of exited threads in the order they closed, numbered from 1, so that a snapshot since a
 * {@link RecordingMark} finds the logs that closed after it without walking every log. Lock-free:
 * a closing thread takes a number, then stores its log in a chunk of 1024, made on first use. The
 * table of chunks never grows: it has room for every log the memory budget can list.
 */
final class ClosedLogs {

    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final AtomicLong count = new AtomicLong();
    private final AtomicReferenceArray<AtomicReferenceArray<ThreadLog>> chunks;

    ClosedLogs(long maxLogs) {
        chunks = new AtomicReferenceArray<>((int) Math.min(Integer.MAX_VALUE - 8, maxLogs / CHUNK + 1));
    }

    /** Files {@code log}; returns its number (1, 2, ...), or 0 if there is no room (it was not filed). */
    long add(ThreadLog log) {
        long number = count.incrementAndGet();
        long index = number - 1;
        int c = (int) Math.min(Integer.MAX_VALUE, index >>> CHUNK_BITS);
        if (c >= chunks.length()) {
            return 0L;
        }
        AtomicReferenceArray<ThreadLog> chunk = chunks.get(c);
        if (chunk == null) {
            chunks.compareAndSet(c, null, new AtomicReferenceArray<>(CHUNK));
            chunk = chunks.get(c);
        }
        chunk.set((int) (index & (CHUNK - 1)), log);
        return number;
    }

    /**
     * Removes the logs numbered {@code after + 1} to {@code upTo} and adds them to {@code out}
     * (one not stored yet is left: a number given out just now, above any bound a caller uses).
     */
    void takeRange(long after, long upTo, List<ThreadLog> out) {
        for (long i = after; i < upTo; i++) {
            int c = (int) Math.min(Integer.MAX_VALUE, i >>> CHUNK_BITS);
            if (c >= chunks.length()) {
                return;
            }
            AtomicReferenceArray<ThreadLog> chunk = chunks.get(c);
            ThreadLog log = chunk == null ? null : chunk.getAndSet((int) (i & (CHUNK - 1)), null);
            if (log != null) {
                out.add(log);
            }
        }
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
        for (long i = after; i < upTo; i++) {
            int c = (int) Math.min(Integer.MAX_VALUE, i >>> CHUNK_BITS);
            if (c >= chunks.length()) {
                return;
            }
            AtomicReferenceArray<ThreadLog> chunk = chunks.get(c);
            ThreadLog log = chunk == null ? null : chunk.get((int) (i & (CHUNK - 1)));
            if (log != null) {
                out.add(log);
            }
        }
    }
}
