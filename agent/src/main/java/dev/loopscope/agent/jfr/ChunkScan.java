package dev.loopscope.agent.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds how much of a file is whole JFR chunks, by reading only chunk headers.
 *
 * <p>Needed because {@code RecordingFile} copes badly with a cut-off file: a chunk's metadata and
 * constant pools are written at its end, so a cut chunk cannot be parsed at all, and the reader
 * fails while looking ahead into it, losing the last event of the chunk before. Handing it only
 * the whole chunks avoids both. A chunk header (the JFR file format, versions 1 and 2) is: magic
 * "FLR\0", major and minor version (u2 each), chunk size (i64), constant pool and metadata offsets
 * (i64, from the chunk's start), ... and at byte 64 a state byte that is 0 once the JVM has finished the chunk.
 */
final class ChunkScan {

    static final int HEADER_BYTES = 68;
    private static final int MAGIC = 0x464C5200; // "FLR\0"
    private static final int STATE_OFFSET = 64;

    /** Bytes from the start of the file that are whole chunks. */
    final long wholeBytes;
    final int wholeChunks;
    /** Why the rest could not be used, or null when the whole file is whole chunks. */
    final String cutShort;
    /** Whether the rest is a damaged chunk rather than one cut off or never finished. */
    final boolean damaged;

    private ChunkScan(long wholeBytes, int wholeChunks, String cutShort, boolean damaged) {
        this.wholeBytes = wholeBytes;
        this.wholeChunks = wholeChunks;
        this.cutShort = cutShort;
        this.damaged = damaged;
    }

    static ChunkScan of(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) {
                throw new RecordingFileException("the file is empty");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            long at = 0;
            int chunks = 0;
            while (at < size) {
                header.clear();
                int read = readFully(in, header, at);
                if (at == 0) {
                    checkFirstHeader(header, read);
                }
                String problem = problem(header, read, size - at, at);
                if (problem != null) {
                    return new ChunkScan(at, chunks, problem, false);
                }
                String damage = damage(header, at);
                if (damage != null) {
                    return new ChunkScan(at, chunks, damage, true);
                }
                at += header.getLong(8);
                chunks++;
            }
            return new ChunkScan(at, chunks, null, false);
        }
    }

    /** A file whose start is no JFR chunk of a version this reader knows is not a recording at all. */
    private static void checkFirstHeader(ByteBuffer header, int read) throws RecordingFileException {
        if (!startsWithMagic(header, read)) {
            throw new RecordingFileException("not a JFR recording (it does not start with a JFR chunk header)");
        }
        if (read >= 8 && !knownVersion(header)) {
            throw new RecordingFileException("a JFR recording of format version " + header.getShort(4) + "."
                    + header.getShort(6) + ", which this reader does not know");
        }
    }

    /** What is wrong with the chunk whose header, at byte {@code at}, is in {@code header}; null if it is whole. */
    private static String problem(ByteBuffer header, int read, long remaining, long at) {
        if (read < HEADER_BYTES) {
            return "the file ends inside the header of the chunk at byte " + at;
        }
        if (!startsWithMagic(header, read) || !knownVersion(header)) {
            return "there is no chunk header at byte " + at + ", where the next chunk should begin";
        }
        long chunkSize = header.getLong(8);
        if (header.get(STATE_OFFSET) != 0 || chunkSize < HEADER_BYTES) {
            return "the chunk at byte " + at + " was never finished (the JVM stopped while writing it)";
        }
        if (chunkSize > remaining) {
            return "the file ends " + (chunkSize - remaining) + " bytes before the end of the chunk at byte " + at;
        }
        return null;
    }

    /**
     * What is wrong with a header that otherwise describes a whole chunk: a finished chunk's
     * metadata and constant pools lie inside it, else the JDK's parser would seek to wherever
     * the header points. Null if nothing.
     */
    private static String damage(ByteBuffer header, long at) {
        long chunkSize = header.getLong(8);
        long constantPools = header.getLong(16);
        long metadata = header.getLong(24);
        if (metadata < HEADER_BYTES || metadata >= chunkSize || constantPools < HEADER_BYTES || constantPools >= chunkSize) {
            return "the header of the chunk at byte " + at + " is damaged (its metadata or constant pool position lies"
                    + " outside the chunk)";
        }
        return null;
    }

    private static boolean knownVersion(ByteBuffer header) {
        int major = header.getShort(4);
        return major == 1 || major == 2;
    }

    private static boolean startsWithMagic(ByteBuffer header, int read) {
        return read >= 4 && header.getInt(0) == MAGIC;
    }

    private static int readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
