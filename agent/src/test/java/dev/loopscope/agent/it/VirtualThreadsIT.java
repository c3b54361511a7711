package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.RecordedTrace.Task;
import dev.loopscope.agent.it.workloads.VirtualThreadWork;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** Virtual threads as tasks, their mounts as run segments on carriers (JDK 21+). */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsIT {

    @Test
    void eachVirtualThreadIsATaskWhoseMountsAreItsRuns() throws Exception {
        AgentJvm.Result r = AgentJvm.of(VirtualThreadWork.class).run("virtual");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stderr).doesNotContain("self-check");
        RecordedTrace trace = r.trace();

        List<Task> slices = trace.onExecutor("virtual threads");
        Map<Long, List<Task>> byTask = slices.stream().collect(Collectors.groupingBy(t -> t.id));
        assertThat(byTask).hasSize(VirtualThreadWork.THREADS);
        byTask.values().forEach(mounts -> {
            assertThat(mounts.size()).as("mounts of %s", mounts.get(0)).isGreaterThanOrEqualTo(VirtualThreadWork.SLEEPS + 1);
            assertThat(mounts).allSatisfy(m -> {
                assertThat(m.name).isEqualTo("VirtualThread");
                assertThat(m.thread).startsWith("ForkJoinPool-").contains("-worker-");
            });
            assertThat(trace.submitThread(mounts.get(0))).isEqualTo("main");
        });
        assertThat(slices.stream().filter(t -> !t.outcome.equals("normal")).map(t -> t.id).distinct()).hasSize(1);
        assertThat(slices.stream().filter(t -> !t.outcome.equals("normal")).map(t -> t.outcome).distinct())
                .containsExactly("java.lang.IllegalStateException: vt failed");

        // Each virtual thread submitted one task: its parent is that virtual thread.
        List<Task> after = trace.onExecutor("after-vt");
        assertThat(after).hasSize(VirtualThreadWork.THREADS);
        assertThat(after.stream().map(t -> t.parent).distinct()).hasSize(VirtualThreadWork.THREADS)
                .allSatisfy(p -> assertThat(byTask).containsKey(p));

        // The scheduler's own continuation tasks are not reported as tasks of a pool.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> executors = (List<Map<String, Object>>) r.summary().get("executors");
        assertThat(executors).extracting(e -> e.get("name"))
                .containsExactlyInAnyOrder("virtual threads", "after-vt", "Thread.start");
        Map<String, Object> virtual = TaskRecordingIT.executor(r.summary(), "virtual threads");
        assertThat(virtual).containsEntry("tasks", (long) VirtualThreadWork.THREADS).containsEntry("failed", 1L)
                .containsEntry("className", "java.lang.VirtualThread");
    }
}
