package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.workloads.JfrPoolWorkload;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code report} on huge files and unusable output directories (CliReportIT has the small bad
 * files). A huge file is sparse, 8 GiB that take no disk, read by a CLI with a 64 MiB heap: it
 * must be judged from its chunk headers, fast, never read whole.
 */
class CliBadInputIT {

    private static final long HUGE = 8L << 30;
    /** JVM start-up included; reading 8 GiB, even of zeros from the page cache, takes far longer here. */
    private static final long BOUND_MILLIS = 20_000;
    private static final List<String> SMALL_HEAP = List.of("-Xmx64m");

    private static Path dir;
    private static Path recording;

    @BeforeAll
    static void prepare() throws Exception {
        dir = AgentJvm.workDir("cli-bad-input");
        recording = PoolRecording.whole();
    }

    /** The sparse files are deleted even when a test fails: 8 GiB each as far as any tool can tell. */
    @AfterAll
    static void deleteHugeFiles() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("huge-")).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void hugeFileOfZeros() throws Exception {
        Path file = huge("huge-zeros.jfr", null);
        assertFailsFast(file, file + ": not a JFR recording (it does not start with a JFR chunk header)");
    }

    /** Magic and version, then nothing: the JVM had not yet written the chunk's size. */
    @Test
    void hugeFileWithABareJfrHeader() throws Exception {
        Path file = huge("huge-bare-header.jfr", header(0, 0, 0));
        assertFailsFast(file, file + ": the recording was cut short before its first chunk was complete: the chunk at byte 0"
                + " was never finished (the JVM stopped while writing it); nothing in it can be read");
    }

    /** A header that claims one finished 8 GiB chunk, whose metadata would lie outside it. */
    @Test
    void hugeFileWhoseHeaderPointsOutsideTheChunk() throws Exception {
        Path file = huge("huge-bad-offsets.jfr", header(HUGE, 0, HUGE + 100));
        assertFailsFast(file, file + ": the header of the chunk at byte 0 is damaged (its metadata or constant pool position"
                + " lies outside the chunk); nothing in it can be read");
    }

    /** A header that claims one finished 8 GiB chunk with metadata in its middle, where there are only zeros. */
    @Test
    void hugeFileWithAPlausibleHeaderAndZeros() throws Exception {
        Path file = huge("huge-plausible.jfr", header(HUGE, HUGE / 2, HUGE / 2 + 4096));
        assertFailsFast(file, file + ": not readable as a JFR recording: its chunk header is whole, but its metadata or"
                + " events are damaged (the JDK's reader said: ");
    }

    /** A whole recording followed by 8 GiB of zeros (a preallocated or damaged file): its chunk is read, marked partial. */
    @Test
    void wholeRecordingFollowedByHugeZeros() throws Exception {
        long size = Files.size(recording);
        Path file = dir.resolve("huge-tail.jfr");
        Files.copy(recording, file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size + HUGE);
        }
        long started = System.nanoTime();
        JvmProcess.Result cli = JvmProcess.cli(dir, SMALL_HEAP, "report", file.toString(), "-o", "from-huge-tail");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(millis).as("ms to read the whole chunk and skip the rest").isLessThan(BOUND_MILLIS);
        assertThat(cli.stderr).as(cli.toString()).isEqualTo("loopscope: " + file + ": the recording was cut short: there is no"
                + " chunk header at byte " + size + ", where the next chunk should begin; read the first 1 whole chunk(s), "
                + size + " bytes. The reports show what could be read and are marked partial\n");
        Map<String, Object> summary = JfrRoundTripIT.summary(dir.resolve("from-huge-tail"));
        assertThat(summary.get("partial")).isEqualTo(true);
        assertThat(JfrRoundTripIT.executor(summary, "pool-1").get("tasks")).isEqualTo(2L * JfrPoolWorkload.PARENTS + 1);
    }

    @Test
    void outputDirectoryIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        JvmProcess.Result cli = JvmProcess.cli(dir, "report", recording.toString(), "-o", file.toString());
        assertFails(cli, "cannot write the reports to " + file + ": it is a file, not a directory\n");
    }

    @Test
    void outputDirectoryUnderAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("another-file"), "not a directory");
        Path out = file.resolve("reports");
        JvmProcess.Result cli = JvmProcess.cli(dir, "report", recording.toString(), "-o", out.toString());
        assertFails(cli, "cannot write the reports to " + out + ": " + file + " is a file, not a directory\n");
    }

    /** Where no directory can be made, even by root: the kernel's process file system. */
    @Test
    void outputDirectoryThatCannotBeCreated() throws Exception {
        Path out = Path.of("/proc/self/loopscope-reports");
        JvmProcess.Result cli = JvmProcess.cli(dir, "report", recording.toString(), "-o", out.toString());
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
        assertThat(cli.stdout).isEmpty();
        assertThat(cli.stderr).as(cli.toString()).startsWith("loopscope: cannot write the reports to " + out + ": ")
                .hasLineCount(1);
    }

    private static Path huge(String name, ByteBuffer header) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(HUGE);
            if (header != null) {
                f.getChannel().write(header, 0);
            }
        }
        return file;
    }

    /** A JFR chunk header, format 2.0: magic, version, size, constant pool and metadata positions; finished (state 0). */
    private static ByteBuffer header(long chunkSize, long constantPools, long metadata) {
        ByteBuffer b = ByteBuffer.allocate(68);
        b.putInt(0x464C5200).putShort((short) 2).putShort((short) 0).putLong(chunkSize).putLong(constantPools)
                .putLong(metadata);
        return b.rewind();
    }

    private static void assertFailsFast(Path file, String message) throws Exception {
        long started = System.nanoTime();
        JvmProcess.Result cli = JvmProcess.cli(dir, SMALL_HEAP, "report", file.toString(), "-o", "never");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
        assertThat(cli.stdout).as(cli.toString()).isEmpty();
        assertThat(cli.stderr).as(cli.toString()).startsWith("loopscope: " + message).hasLineCount(1);
        assertThat(millis).as("ms to judge an 8 GiB file").isLessThan(BOUND_MILLIS);
    }

    private static void assertFails(JvmProcess.Result cli, String stderr) {
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
        assertThat(cli.stdout).as(cli.toString()).isEmpty();
        assertThat(cli.stderr).as(cli.toString()).isEqualTo("loopscope: " + stderr);
    }
}
