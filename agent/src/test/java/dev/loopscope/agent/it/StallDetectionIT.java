package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.workloads.LoopStalls;
import dev.loopscope.agent.it.workloads.PinnedVirtualThreads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** Stalls on loop threads, sampled while they last, and pinned virtual threads, in real JVMs with the agent. */
class StallDetectionIT {

    private static final String WORKLOADS = "dev.loopscope.agent.it.workloads.";

    @Test
    void aCpuBoundTaskAndASleepingTaskAreEachOneStallSampledInTheCulprit() throws Exception {
        AgentJvm.Result r = AgentJvm.of(LoopStalls.class).run("stalls");
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<Map<String, Object>> stalls = BlockingDetectionIT.list(r.summary(), "stalls");
        assertThat(stalls).as(r.stderr).hasSize(2);
        RecordedTrace trace = r.trace();
        Map<String, Object> cpu = culprit(stalls, "burnCpu");
        Map<String, Object> sleep = culprit(stalls, "sleepyTask");
        for (Map<String, Object> s : List.of(cpu, sleep)) {
            assertThat(s).containsEntry("thread", LoopStalls.THREAD).containsEntry("inProgress", false)
                    .containsEntry("thresholdNanos", 100_000_000L);
            assertThat((Long) s.get("durationNanos")).isBetween(LoopStalls.STALL_MILLIS * 1_000_000L - 5_000_000L,
                    5_000_000_000L);
            // the stall is the task's run: same task, same length
            RecordedTrace.Task task = trace.byId((Long) s.get("taskId"));
            assertThat(task.thread).isEqualTo(LoopStalls.THREAD);
            assertThat(task.durationMicros * 1000).isCloseTo(((Long) s.get("durationNanos")).doubleValue(),
                    org.assertj.core.data.Offset.offset(2_000_000.0));
        }
        assertThat(cpu.get("state")).isEqualTo("RUNNABLE");
        assertThat(sleep.get("state")).isEqualTo("TIMED_WAITING");
        // CPU time against wall time tells a busy task from a blocked one
        assertThat(share(sleep)).isLessThan(0.2);
        assertThat(share(cpu)).isGreaterThan(share(sleep));
        // several samples over a 300 ms stall with a 100 ms threshold
        assertThat((List<?>) cpu.get("samples")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(trace.findings("stall")).hasSize(2)
                .allSatisfy(slice -> assertThat(trace.threadOf(slice)).isEqualTo(LoopStalls.THREAD));
    }

    /** The stall one of whose samples has the culprit as its first application frame. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> culprit(List<Map<String, Object>> stalls, String method) {
        List<Map<String, Object>> matching = stalls.stream().filter(s -> ((List<Map<String, Object>>) s.get("samples"))
                .stream().anyMatch(sample -> firstApplicationFrame((List<String>) sample.get("stack"))
                        .startsWith(WORKLOADS + "LoopStalls." + method + "("))).toList();
        assertThat(matching).as("stalls sampled in %s: %s", method, stalls).hasSize(1);
        return matching.get(0);
    }

    private static String firstApplicationFrame(List<String> stack) {
        return stack.stream().filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun."))
                .findFirst().orElse("");
    }

    private static double share(Map<String, Object> stall) {
        return ((Long) stall.get("cpuNanos")).doubleValue() / Math.max(1L, (Long) stall.get("observedNanos"));
    }

    @Test
    void aStallTheWatchdogMissedIsReportedByTheThreadAtItsEnd() throws Exception {
        // the watchdog looks once a second: both 300 ms stalls end before it can sample them
        AgentJvm.Result r = AgentJvm.of(LoopStalls.class).options("watchdog=1s").run("stalls-unsampled");
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<Map<String, Object>> stalls = BlockingDetectionIT.list(r.summary(), "stalls");
        assertThat(stalls).hasSize(2).allSatisfy(s -> {
            assertThat((List<?>) s.get("samples")).isEmpty();
            assertThat(s).containsEntry("inProgress", false);
            assertThat((Long) s.get("durationNanos")).isGreaterThanOrEqualTo(LoopStalls.STALL_MILLIS * 1_000_000L - 5_000_000L);
        });
    }

    @Test
    void shortTasksAreNotStallsAndStallOffTurnsThemOff() throws Exception {
        AgentJvm.Result r = AgentJvm.of(LoopStalls.class).options("stall=off").run("stalls-off");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(BlockingDetectionIT.list(r.summary(), "stalls")).isEmpty();
        // the sleep is still a blocking call
        assertThat(BlockingDetectionIT.calls(r.summary())).singleElement()
                .satisfies(c -> assertThat(BlockingDetectionIT.plantOf(c)).isEqualTo("sleepyTask"));
        AgentJvm.Result high = AgentJvm.of(LoopStalls.class).options("stall=1s").run("stalls-high");
        assertThat(BlockingDetectionIT.list(high.summary(), "stalls")).isEmpty();
    }

    @Test
    void detectionOnlyFindsTheSameStallsAndCallsAndRecordsNoTask() throws Exception {
        AgentJvm.Result r = AgentJvm.of(LoopStalls.class).options("timeline=false").run("detection-only");
        assertThat(r.exitCode).as(r.toString()).isZero();
        Map<String, Object> summary = r.summary();
        assertThat(summary).containsEntry("tasks", 0L).containsEntry("dropped", 0L);
        List<Map<String, Object>> stalls = BlockingDetectionIT.list(summary, "stalls");
        assertThat(stalls).as(r.stderr).hasSize(2).allSatisfy(s -> {
            assertThat(s).containsEntry("thread", LoopStalls.THREAD).containsEntry("inProgress", false);
            assertThat((Long) s.get("durationNanos")).isGreaterThanOrEqualTo(LoopStalls.STALL_MILLIS * 1_000_000L - 5_000_000L);
        });
        culprit(stalls, "burnCpu");
        culprit(stalls, "sleepyTask");
        assertThat(BlockingDetectionIT.calls(summary)).singleElement()
                .satisfies(c -> assertThat(BlockingDetectionIT.plantOf(c)).isEqualTo("sleepyTask"));
        assertThat(r.stderr).contains("timeline=false");
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void aVirtualThreadBlockingWhilePinnedIsAFindingAndUnpinnedBlockingIsNot() throws Exception {
        AgentJvm.Result r = AgentJvm.of(PinnedVirtualThreads.class).run("pinned");
        assertThat(r.exitCode).as(r.toString()).isZero();
        List<Map<String, Object>> calls = BlockingDetectionIT.calls(r.summary());
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("kind", "pinned").containsEntry("api", "VirtualThread.pinned");
            assertThat(BlockingDetectionIT.plantOf(c)).isEqualTo("pinnedInClassInit");
            assertThat((Long) c.get("durationNanos")).isGreaterThanOrEqualTo(50_000_000L);
            assertThat((String) c.get("thread")).startsWith("unnamed thread #");
            // the finding names the virtual thread's task
            try {
                assertThat(r.trace().byId((Long) c.get("taskId")).executor).isEqualTo("virtual threads");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
