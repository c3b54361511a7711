package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.workloads.JfrAttachWorkload;
import dev.loopscope.agent.it.workloads.JfrPoolWorkload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code report} on files that are not a clean recording: one clear message, exit code 2, or partial reports. */
class CliReportIT {

    private static Path dir;
    private static Path recording;

    @BeforeAll
    static void prepare() throws Exception {
        dir = AgentJvm.workDir("cli-report");
        recording = PoolRecording.whole();
    }

    @Test
    void missingFile() throws Exception {
        Path file = dir.resolve("no-such.jfr");
        assertFails(JvmProcess.cli(dir, "report", file.toString()), file + ": no such file");
    }

    @Test
    void directory() throws Exception {
        assertFails(JvmProcess.cli(dir, "report", dir.toString()), dir + ": is a directory, not a JFR recording");
    }

    @Test
    void textFile() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.jfr"), "these are not the events you are looking for\n");
        assertFails(JvmProcess.cli(dir, "report", file.toString()),
                file + ": not a JFR recording (it does not start with a JFR chunk header)");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.write(dir.resolve("empty.jfr"), new byte[0]);
        assertFails(JvmProcess.cli(dir, "report", file.toString()), file + ": the file is empty");
    }

    @Test
    void recordingMadeWithoutTheAgent() throws Exception {
        Path file = dir.resolve("plain.jfr");
        AgentJvm.Result r = AgentJvm.of(JfrPoolWorkload.class).withoutAgent()
                .jvmArg("-XX:StartFlightRecording:filename=" + file).run("cli-report/plain");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JvmProcess.Result cli = JvmProcess.cli(dir, "report", file.toString());
        assertFails(cli, file + ": the recording has no loopscope events; it was made without the Loopscope agent");
    }

    /**
     * A JFR chunk keeps its metadata at its end, so a chunk cut in the middle cannot be read at all:
     * the honest answer for a one-chunk recording cut at 60% is that nothing can be read.
     */
    @Test
    void recordingCutInsideItsOnlyChunk() throws Exception {
        byte[] whole = Files.readAllBytes(recording);
        assertThat(ByteBuffer.wrap(whole, 8, 8).getLong()).as("chunk size: a one-chunk recording").isEqualTo(whole.length);
        Path file = Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(whole, whole.length * 6 / 10));
        JvmProcess.Result cli = JvmProcess.cli(dir, "report", file.toString());
        assertFails(cli, file + ": the recording was cut short before its first chunk was complete: the file ends ");
        assertThat(cli.stderr).contains("nothing in it can be read");
    }

    /** A JVM killed while recording leaves its current chunk in the repository, never finished. */
    @Test
    void chunkOfAKilledJvm() throws Exception {
        Path killed = AgentJvm.workDir("cli-report-killed");
        Path repository = killed.resolve("repository");
        JvmProcess target = JvmProcess.start(killed, List.of("-javaagent:" + AgentJvm.agentJar() + "=out=" + killed,
                "-XX:StartFlightRecording", "-XX:FlightRecorderOptions:repository=" + repository),
                JfrAttachWorkload.class, killed.resolve("never").toString());
        try {
            target.awaitStdout("running", 30);
            Thread.sleep(500);
        } finally {
            target.kill();
        }
        Path chunk;
        try (Stream<Path> files = Files.walk(repository)) {
            chunk = files.filter(p -> p.toString().endsWith(".jfr")).findFirst().orElseThrow();
        }
        assertFails(JvmProcess.cli(dir, "report", chunk.toString()), chunk
                + ": the recording was cut short before its first chunk was complete: the chunk at byte 0 was never"
                + " finished (the JVM stopped while writing it); nothing in it can be read");
    }

    /** Whole chunks before the cut are read; the reports say they are partial. */
    @Test
    void recordingCutAfterAWholeChunk() throws Exception {
        byte[] whole = Files.readAllBytes(recording);
        byte[] cut = Arrays.copyOf(whole, whole.length + whole.length * 6 / 10);
        System.arraycopy(whole, 0, cut, whole.length, cut.length - whole.length);
        Path file = Files.write(dir.resolve("two-chunks-cut.jfr"), cut);

        JvmProcess.Result full = JvmProcess.cli(dir, "report", recording.toString(), "-o", "from-whole");
        assertThat(full.exitCode).as(full.toString()).isZero();
        JvmProcess.Result cli = JvmProcess.cli(dir, "report", file.toString(), "-o", "from-cut");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.stderr).as(cli.toString()).startsWith("loopscope: " + file + ": the recording was cut short: the file ends ")
                .contains("the first 1 whole chunk(s), " + whole.length + " bytes")
                .contains("The reports show what could be read and are marked partial");
        assertThat(cli.stdout).contains("(partial)");

        Map<String, Object> fromCut = JfrRoundTripIT.summary(dir.resolve("from-cut"));
        Map<String, Object> fromWhole = JfrRoundTripIT.summary(dir.resolve("from-whole"));
        assertThat(fromCut.get("partial")).isEqualTo(true);
        assertThat(fromCut.get("tasks")).isEqualTo(fromWhole.get("tasks"));
        assertThat(fromCut.get("executors")).isEqualTo(fromWhole.get("executors"));
        assertThat(JfrRoundTripIT.executor(fromCut, "pool-1").get("tasks")).isEqualTo(2L * JfrPoolWorkload.PARENTS + 1);
    }

    @Test
    void usageWithoutArgumentsOrWithHelp() throws Exception {
        for (String[] args : new String[][] {{}, {"help"}}) {
            JvmProcess.Result cli = JvmProcess.cli(dir, args);
            assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
            assertThat(cli.stdout).isEmpty();
            assertThat(cli.stderr).startsWith("usage: java -jar loopscope-agent.jar COMMAND")
                    .contains("report FILE.jfr [-o DIR]", "attach PID [OPTIONS]", "buffer ");
        }
    }

    @Test
    void unknownCommandAndMissingFileArgument() throws Exception {
        JvmProcess.Result cli = JvmProcess.cli(dir, "reprot", "x.jfr");
        assertFails(cli, "unknown command 'reprot'");
        assertThat(cli.stderr).contains("usage: java -jar loopscope-agent.jar COMMAND");
        assertFails(JvmProcess.cli(dir, "report"), "report: which recording? give the .jfr file");
        assertFails(JvmProcess.cli(dir, "report", recording.toString(), "-o"), "-o needs a directory");
    }

    private static void assertFails(JvmProcess.Result cli, String message) throws IOException {
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
        assertThat(cli.stdout).as(cli.toString()).isEmpty();
        assertThat(cli.stderr).as(cli.toString()).startsWith("loopscope: " + message);
    }
}
