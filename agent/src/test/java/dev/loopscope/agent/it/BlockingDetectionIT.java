package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.workloads.CleanLoopWork;
import dev.loopscope.agent.it.workloads.LoopBlockingCalls;
import dev.loopscope.agent.it.workloads.LoopMarksAndAllows;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Blocking calls on loop threads, in real JVMs with the agent: every API of the detector's list
 * planted once on a loop thread is found exactly once with its API and call site; the same calls
 * on an ordinary thread, and clean async code on loop threads, are not findings.
 */
class BlockingDetectionIT {

    private static final String WORKLOADS = "dev.loopscope.agent.it.workloads.";

    @Test
    void everyBlockingApiOnALoopThreadIsFoundOnceAtItsCallSite() throws Exception {
        AgentJvm.Result r = AgentJvm.of(LoopBlockingCalls.class).args("vert.x-eventloop-thread-0").run("blocking-loop");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stderr).as("self-check").doesNotContain("self-check");
        List<Map<String, Object>> calls = calls(r.summary());

        Map<String, List<Map<String, Object>>> byPlant = calls.stream()
                .collect(Collectors.groupingBy(BlockingDetectionIT::plantOf));
        assertThat(byPlant.keySet()).as("call sites of %s", calls).containsExactlyInAnyOrderElementsOf(
                LoopBlockingCalls.EXPECTED.keySet());
        RecordedTrace trace = r.trace();
        LoopBlockingCalls.EXPECTED.forEach((plant, expected) -> {
            List<Map<String, Object>> found = byPlant.get(plant);
            assertThat(found).as(plant).hasSize(1);
            Map<String, Object> call = found.get(0);
            String[] apiAndEntry = expected.split("/");
            assertThat(call.get("api")).as(plant).isEqualTo(apiAndEntry[0]);
            if (apiAndEntry.length > 1) {
                assertThat(call.get("entry")).as(plant).isEqualTo(apiAndEntry[1]);
            }
            assertThat(call).as(plant).containsEntry("kind", "loop").containsEntry("thread", "vert.x-eventloop-thread-0")
                    .containsEntry("inProgress", false);
            assertThat((String) call.get("callSite")).as(plant)
                    .matches(java.util.regex.Pattern.quote(WORKLOADS + "LoopBlockingCalls") + "(\\$\\w+)?"
                            + java.util.regex.Pattern.quote("." + plant + "(LoopBlockingCalls.java:") + "\\d+\\)");
            assertThat(strings(call.get("stack"))).as(plant).contains((String) call.get("callSite"));
            assertThat((Long) call.get("durationNanos")).as(plant).isNotNegative();
            // The finding names the task that made the call: one of the loop's tasks.
            RecordedTrace.Task task = trace.byId((Long) call.get("taskId"));
            assertThat(task.thread).as(plant).isEqualTo("vert.x-eventloop-thread-0");
        });
        // What the plants waited for, the findings measured (a 5 ms sleep, a 30 ms latch).
        assertThat((Long) byPlant.get("plantSleep").get(0).get("durationNanos")).isGreaterThanOrEqualTo(4_000_000L);
        assertThat((Long) byPlant.get("plantLatchAwait").get(0).get("durationNanos")).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(byPlant).doesNotContainKey(LoopBlockingCalls.NOT_BLOCKING);
        assertThat((String) byPlant.get("plantSynchronized").get(0).get("detail")).contains("held by 'helper'");

        // and the trace shows each on the loop thread's track
        assertThat(trace.findings("blocking")).hasSize(LoopBlockingCalls.EXPECTED.size())
                .allSatisfy(slice -> assertThat(trace.threadOf(slice)).isEqualTo("vert.x-eventloop-thread-0"));

        List<Map<String, Object>> sites = list(r.summary(), "blockingCallSites");
        assertThat(sites).hasSize(LoopBlockingCalls.EXPECTED.size());
        assertThat(sites).allSatisfy(s -> assertThat(s.get("count")).isEqualTo(1L));
    }

    @Test
    void anAllowedCallHidesWhatItCallsAndNothingElse() throws Exception {
        AgentJvm.Result r = AgentJvm.of(LoopBlockingCalls.class).args("vert.x-eventloop-thread-0")
                .options("allow=api:Files.readAllBytes|" + WORKLOADS + "LoopBlockingCalls.plantSleep")
                .run("blocking-allowed");
        assertThat(r.exitCode).as(r.toString()).isZero();
        Map<String, List<Map<String, Object>>> byPlant = calls(r.summary()).stream()
                .collect(Collectors.groupingBy(BlockingDetectionIT::plantOf));
        java.util.Set<String> expected = new java.util.HashSet<>(LoopBlockingCalls.EXPECTED.keySet());
        expected.removeAll(List.of("plantFilesReadAllBytes", "plantSleep"));
        // readAllBytes's own channel reads are part of the allowed call, not findings of their own
        assertThat(byPlant.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(byPlant.values()).allSatisfy(found -> assertThat(found).hasSize(1));
        assertThat(object(r.summary(), "detection")).containsEntry("unusedAllowEntries", List.of());
    }

    @Test
    void theSameCallsOnAnOrdinaryThreadAreNotFindings() throws Exception {
        AgentJvm.Result r = AgentJvm.of(LoopBlockingCalls.class).args("worker-0").run("blocking-plain");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(calls(r.summary())).isEmpty();
        assertThat(list(r.summary(), "stalls")).isEmpty();
        assertThat(r.stderr).contains("no blocking calls or stalls on loop threads");
    }

    @Test
    void cleanAsyncCodeOnLoopThreadsIsNotAFinding() throws Exception {
        AgentJvm.Result r = AgentJvm.of(CleanLoopWork.class).run("blocking-clean");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdout).contains("received");
        assertThat(calls(r.summary())).isEmpty();
        assertThat(list(r.summary(), "stalls")).isEmpty();
        // It did run on the loop: the chains' stages and the HttpClient's own tasks.
        assertThat(r.trace().tasks(t -> t.thread != null && t.thread.startsWith("vert.x-eventloop-thread-")))
                .hasSizeGreaterThan(3 * CleanLoopWork.REQUESTS);
    }

    @Test
    void loopsByGlobMarkAndCommonPoolAndAllowEntries() throws Exception {
        AgentJvm.Result r = AgentJvm.of(LoopMarksAndAllows.class)
                .options("loops=my-loop-*,blocking=warn,allow=" + WORKLOADS + "LoopMarksAndAllows.allowedByOption|com.nowhere.Unused.method")
                .run("blocking-marks");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdout).contains("rejected: bad allow entry 'sleep'");
        Map<String, List<Map<String, Object>>> byMethod = calls(r.summary()).stream()
                .collect(Collectors.groupingBy(BlockingDetectionIT::plantOf));
        assertThat(byMethod.keySet()).containsExactlyInAnyOrder("inCommonPool", "onMarkedExecutor", "onGlobThread",
                "onMarkedThread", "repeated");
        assertThat(byMethod.get("inCommonPool").get(0)).containsEntry("kind", "commonPool");
        assertThat(byMethod.get("onMarkedExecutor").get(0)).containsEntry("kind", "loop").containsEntry("thread", "custom-1");
        assertThat(byMethod.get("onGlobThread").get(0)).containsEntry("thread", "my-loop-1");
        assertThat(byMethod.get("onMarkedThread").get(0)).containsEntry("thread", "plain-name");
        assertThat(byMethod.get("repeated")).hasSize(3);

        @SuppressWarnings("unchecked")
        Map<String, Object> detection = (Map<String, Object>) r.summary().get("detection");
        assertThat(detection).containsEntry("policy", "warn")
                .containsEntry("unusedAllowEntries", List.of("com.nowhere.Unused.method"));
        assertThat(strings(detection.get("loopThreadGlobs"))).contains("my-loop-*", "nioEventLoopGroup-*");
        // warn: one line per new call site, from the watchdog, however often the site blocks
        assertThat(r.stderr.lines().filter(l -> l.contains("blocking call Thread.sleep") && l.contains(".repeated(")))
                .hasSize(1);
        assertThat(r.stderr).contains("blocking call Thread.sleep on common-pool thread");

        assertThat(detection).containsEntry("failed", false);

        AgentJvm.Result asLoop = AgentJvm.of(LoopMarksAndAllows.class).options("commonPool=loop,blocking=fail")
                .run("blocking-commonpool-loop");
        assertThat(calls(asLoop.summary())).filteredOn(c -> plantOf(c).equals("inCommonPool"))
                .singleElement().satisfies(c -> assertThat(c).containsEntry("kind", "loop"));
        assertThat(object(asLoop.summary(), "detection")).containsEntry("failed", true);
        assertThat(asLoop.stderr).contains("(blocking=fail: this run fails)");
        assertThat(asLoop.exitCode).as("the application's exit code is its own").isZero();
        AgentJvm.Result off = AgentJvm.of(LoopMarksAndAllows.class).options("commonPool=off,blocking=off").run("blocking-off");
        assertThat(calls(off.summary())).isEmpty();
        assertThat(off.stderr).doesNotContain("blocking call Thread.sleep").contains("(blocking=off)")
                .doesNotContain("allow entries that matched nothing");
    }

    /** The method of the workload that made the call: its call site's method. */
    static String plantOf(Map<String, Object> call) {
        String site = (String) call.get("callSite");
        String method = site.substring(0, site.indexOf('('));
        return method.substring(method.lastIndexOf('.') + 1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String key) {
        return (Map<String, Object>) json.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object jsonArray) {
        return (List<String>) jsonArray;
    }

    static List<Map<String, Object>> calls(Map<String, Object> summary) {
        return list(summary, "blockingCalls");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> summary, String key) {
        assertThat(summary).containsKey(key);
        return (List<Map<String, Object>>) summary.get(key);
    }
}
