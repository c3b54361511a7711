package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.workloads.JfrChunksWorkload;
import dev.loopscope.agent.it.workloads.JfrLateRecordingWorkload;
import dev.loopscope.agent.it.workloads.JfrPoolWorkload;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * The agent's loopscope.* JFR events carry the same facts as its own logs: the CLI rebuilds, from
 * the recording alone, the summary the agent wrote itself.
 */
class JfrRoundTripIT {

    @Test
    void reportFromTheRecordingMatchesTheAgentsOwnReport() throws Exception {
        Path dir = AgentJvm.workDir("jfr-round-trip");
        Path jfr = dir.resolve("recording.jfr");
        AgentJvm.Result agent = AgentJvm.of(JfrPoolWorkload.class)
                .jvmArg("-XX:StartFlightRecording:filename=" + jfr).run("jfr-round-trip/agent");
        assertThat(agent.exitCode).as(agent.toString()).isZero();
        assertThat(agent.stdout).contains("rejected after shutdown");

        JvmProcess.Result cli = JvmProcess.cli(dir, "report", jfr.toString(), "-o", "from-jfr");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.stderr).as(cli.toString()).isEmpty();
        assertThat(cli.stdout).contains("[loopscope] report: " + dir.resolve("from-jfr/loopscope-report.html"));

        Map<String, Object> fromAgent = agent.summary();
        Map<String, Object> fromJfr = summary(dir.resolve("from-jfr"));
        assertThat(fromJfr.get("source")).isEqualTo("jfr:recording.jfr");
        assertThat(fromJfr.get("partial")).isEqualTo(false);
        assertThat(fromJfr.get("jdk")).isEqualTo(System.getProperty("java.vm.version"));

        Map<String, Object> pool = executor(fromAgent, "pool-1");
        assertThat(pool).containsEntry("tasks", 2L * JfrPoolWorkload.PARENTS + 1)
                .containsEntry("failed", 1L).containsEntry("rejected", 1L).containsEntry("threads", 2L);
        // Same nanoTimes on both sides, so even the percentiles agree to the nanosecond. Only
        // utilization may differ: it depends on each source's recording window.
        Map<String, Object> poolFromJfr = new HashMap<>(executor(fromJfr, "pool-1"));
        pool = new HashMap<>(pool);
        poolFromJfr.remove("utilization");
        pool.remove("utilization");
        assertThat(poolFromJfr).isEqualTo(pool);

        // Parent links survive: every child names its parent, on both sides.
        RecordedTrace agentTrace = agent.trace();
        RecordedTrace jfrTrace = RecordedTrace.read(dir.resolve("from-jfr/loopscope-trace.json"));
        assertThat(childrenOnPool(jfrTrace)).isEqualTo(childrenOnPool(agentTrace)).isEqualTo(JfrPoolWorkload.PARENTS);
    }

    @Test
    void eventTypesAreLabelledForMissionControl() throws Exception {
        Path dir = AgentJvm.workDir("jfr-event-types");
        Path jfr = dir.resolve("recording.jfr");
        AgentJvm.Result agent = AgentJvm.of(JfrPoolWorkload.class)
                .jvmArg("-XX:StartFlightRecording:filename=" + jfr).run("jfr-event-types/agent");
        assertThat(agent.exitCode).as(agent.toString()).isZero();
        Map<String, EventType> types = new HashMap<>();
        try (RecordingFile file = new RecordingFile(jfr)) {
            for (EventType t : file.readEventTypes()) {
                types.put(t.getName(), t);
            }
        }
        for (String name : List.of("loopscope.Executor", "loopscope.TaskSubmit", "loopscope.TaskRejected",
                "loopscope.TaskRun")) {
            EventType t = types.get(name);
            assertThat(t).as(name).isNotNull();
            assertThat(t.getCategoryNames()).as(name).containsExactly("Loopscope");
            assertThat(t.getLabel()).as(name).isNotBlank();
            assertThat(t.getDescription()).as(name).isNotBlank();
        }
        assertThat(types.get("loopscope.TaskRun").getField("duration")).as("a duration event").isNotNull();
    }

    @Test
    void recordingStartedLaterSeesExecutorsRegisteredBeforeIt() throws Exception {
        Path dir = AgentJvm.workDir("jfr-late-recording");
        Path jfr = dir.resolve("late.jfr");
        AgentJvm.Result agent = AgentJvm.of(JfrLateRecordingWorkload.class).args(jfr.toString())
                .run("jfr-late-recording/agent");
        assertThat(agent.exitCode).as(agent.toString()).isZero();

        JvmProcess.Result cli = JvmProcess.cli(dir, "report", jfr.toString(), "-o", "from-jfr");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        Map<String, Object> fromJfr = summary(dir.resolve("from-jfr"));
        // Only what ran while the recording did, under the name given before it started.
        assertThat(executor(fromJfr, JfrLateRecordingWorkload.POOL))
                .containsEntry("tasks", (long) JfrLateRecordingWorkload.RECORDED)
                .containsEntry("className", "java.util.concurrent.ThreadPoolExecutor")
                .containsEntry("notStarted", 0L);
        assertThat(executor(agent.summary(), JfrLateRecordingWorkload.POOL))
                .containsEntry("tasks", 10L + JfrLateRecordingWorkload.RECORDED + 10L);
    }

    /** A rolling recording keeps only its latest chunks: each one must name the executors on its own. */
    @Test
    void everyChunkNamesItsExecutors() throws Exception {
        Path dir = AgentJvm.workDir("jfr-chunks");
        Path jfr = dir.resolve("chunks.jfr");
        AgentJvm.Result agent = AgentJvm.of(JfrChunksWorkload.class).args(jfr.toString()).run("jfr-chunks/agent");
        assertThat(agent.exitCode).as(agent.toString()).isZero();

        List<Path> chunks = splitIntoChunks(jfr, dir);
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        for (Path chunk : chunks) {
            JvmProcess.Result cli = JvmProcess.cli(dir, "report", chunk.toString(), "-o", "from-" + chunk.getFileName());
            assertThat(cli.exitCode).as(cli.toString()).isZero();
            assertThat(executor(summary(dir.resolve("from-" + chunk.getFileName())), JfrChunksWorkload.POOL))
                    .as(chunk.toString()).containsEntry("className", "java.util.concurrent.ThreadPoolExecutor");
        }
        JvmProcess.Result cli = JvmProcess.cli(dir, "report", jfr.toString(), "-o", "from-all");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(executor(summary(dir.resolve("from-all")), JfrChunksWorkload.POOL))
                .containsEntry("tasks", 3L * JfrChunksWorkload.PER_PHASE).containsEntry("notStarted", 0L);
    }

    /** Each chunk as a file of its own; a chunk's size is the big-endian long at byte 8 of its header. */
    private static List<Path> splitIntoChunks(Path jfr, Path dir) throws Exception {
        byte[] all = Files.readAllBytes(jfr);
        List<Path> chunks = new ArrayList<>();
        for (int at = 0; at < all.length;) {
            int size = (int) ByteBuffer.wrap(all, at + 8, 8).getLong();
            chunks.add(Files.write(dir.resolve("chunk-" + chunks.size() + ".jfr"), Arrays.copyOfRange(all, at, at + size)));
            at += size;
        }
        return chunks;
    }

    private static long childrenOnPool(RecordedTrace trace) {
        return trace.onExecutor("pool-1").stream()
                .filter(t -> t.parent != null && "pool-1".equals(trace.byId(t.parent).executor)).count();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> summary(Path reports) throws Exception {
        return (Map<String, Object>) MiniJson.parse(Files.readString(reports.resolve("loopscope-summary.json")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> executor(Map<String, Object> summary, String name) {
        return ((List<Map<String, Object>>) summary.get("executors")).stream()
                .filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no executor " + name + " in " + summary));
    }
}
