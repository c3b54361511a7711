package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.detect.AgentCode;
import dev.loopscope.agent.it.workloads.PoolThenLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * The agent never records or detects itself. Its own threads ({@code loopscope-watchdog}, {@code
 * loopscope-report-writer}) are made loop threads ({@code loops=loopscope-*}), so that any
 * blocking call of theirs (the watchdog's parks and stderr warnings, the writer's join and file
 * writes) or any run of theirs long enough to be a stall would be a finding, and a JFR recording
 * runs, so that the agent's JFR events are on too. The reports must hold no task, thread or
 * finding of the agent's, and exactly the findings the application made.
 */
class NoRecursionIT {

    private static final String AGENT_THREADS = "loopscope-";

    @Test
    void theAgentsOwnThreadsAndWorkAreNeitherRecordedNorFound() throws Exception {
        Path jfr = AgentJvm.workDir("no-recursion").resolve("recording.jfr");
        AgentJvm.Result r = AgentJvm.of(PoolThenLoop.class)
                .options("loops=" + AGENT_THREADS + "*|" + PoolThenLoop.LOOP + ",jfr=true,blocking=warn,stall=1s,watchdog=1ms")
                .jvmArg("-XX:StartFlightRecording:filename=" + jfr).args("0").run("no-recursion/agent");
        assertThat(r.exitCode).as(r.toString()).isZero();
        // JFR's start-up lines go to stdout too, each starting with "[uptime]".
        assertThat(r.stdout.lines().filter(l -> !l.startsWith("[")).toList()).as(r.toString())
                .containsExactlyElementsOf(PoolThenLoop.STDOUT.lines().toList());
        assertThat(r.stderr).as(r.toString()).doesNotContain("internal fault").doesNotContain("\tat ");

        // No thread, task or executor of the agent's in the timeline.
        RecordedTrace trace = r.trace();
        assertThat(trace.threadNames()).isNotEmpty().noneMatch(name -> name.startsWith(AGENT_THREADS));
        assertThat(trace.tasks()).hasSizeGreaterThanOrEqualTo(PoolThenLoop.TASKS)
                .noneMatch(t -> t.thread.startsWith(AGENT_THREADS) || t.name.startsWith(AGENT_THREADS));
        Map<String, Object> summary = r.summary();
        assertThat(TaskRecordingIT.executor(summary, "work")).containsEntry("tasks", (long) PoolThenLoop.TASKS);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> executors = (List<Map<String, Object>>) summary.get("executors");
        assertThat(executors).extracting(e -> (String) e.get("name")).noneMatch(name -> name.contains("loopscope"));

        // Exactly the application's findings: the sleep and the stall on its loop, no agent frame in them.
        assertThat(BlockingDetectionIT.calls(summary)).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("api", "Thread.sleep").containsEntry("thread", PoolThenLoop.LOOP);
            assertThat(BlockingDetectionIT.plantOf(c)).isEqualTo("blockTheLoop");
            assertThat(BlockingDetectionIT.strings(c.get("stack"))).noneMatch(AgentCode::isAgent);
        });
        assertThat(BlockingDetectionIT.list(summary, "stalls")).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("thread", PoolThenLoop.LOOP);
            assertThat(sampledFrames(s)).isNotEmpty().noneMatch(AgentCode::isAgent)
                    .anyMatch(f -> f.contains("PoolThenLoop.stallTheLoop("));
        });
        assertThat(trace.findings("blocking")).hasSize(1);
        assertThat(trace.findings("stall")).hasSize(1);
        // blocking=warn: the watchdog warned of those two (its own stderr writes are no finding to warn of)
        assertThat(r.stderr.lines().filter(l -> l.contains(" on loop thread ")).toList()).as(r.stderr).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("on loop thread '" + PoolThenLoop.LOOP + "'"));

        // The agent's JFR events were on, and none of them came from its own threads.
        List<RecordedEvent> loopscopeEvents = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().startsWith("loopscope.")) {
                loopscopeEvents.add(e);
            }
        }
        assertThat(loopscopeEvents).filteredOn(e -> e.getEventType().getName().equals("loopscope.TaskRun"))
                .hasSizeGreaterThanOrEqualTo(PoolThenLoop.TASKS);
        assertThat(loopscopeEvents).noneMatch(e -> e.getThread() != null && e.getThread().getJavaName() != null
                && e.getThread().getJavaName().startsWith(AGENT_THREADS));
    }

    @SuppressWarnings("unchecked")
    private static List<String> sampledFrames(Map<String, Object> stall) {
        List<String> frames = new ArrayList<>();
        for (Map<String, Object> sample : (List<Map<String, Object>>) stall.get("samples")) {
            frames.addAll((List<String>) sample.get("stack"));
        }
        return frames;
    }
}
