package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.RecordedTrace.Task;
import dev.loopscope.agent.it.workloads.ExitInsideTask;
import dev.loopscope.agent.it.workloads.ThrowOnMain;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JVM exits in the middle of heavy recording, with other threads still submitting and running
 * tasks while the reports are written: the exit code stays the application's, the three reports
 * are written and parse, and they say they are partial, with counts of the work in flight that
 * agree with the tasks themselves.
 */
class AbruptExitIT {

    @Test
    void systemExitFromATaskWithThePoolBusyAndItsQueueFull() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ExitInsideTask.class).run("exit-inside-task");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitInsideTask.EXIT_CODE);
        assertThat(r.stdout).isEqualTo("calling System.exit(" + ExitInsideTask.EXIT_CODE + ") from a task\n");
        Unfinished unfinished = partialReports(r, "busy");
        // Only the pool's threads run tasks, and each submitter has at most IN_FLIGHT unfinished;
        // the task that called exit is one more, running.
        assertThat(unfinished.running).isBetween(1L, (long) ExitInsideTask.POOL_THREADS);
        assertThat(unfinished.queued).isBetween(0L, (long) ExitInsideTask.SUBMITTERS * ExitInsideTask.IN_FLIGHT);
        assertThat(onlyTask(r.trace(), ExitInsideTask.CallsExit.class).outcome).isEqualTo("running");
    }

    @Test
    void uncaughtExceptionOnMainWhileDaemonThreadsAreBusy() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ThrowOnMain.class).run("throw-on-main");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr).contains(
                "Exception in thread \"main\" java.lang.IllegalStateException: main gives up with the pool still busy");
        Unfinished unfinished = partialReports(r, "daemon-pool");
        // One task never ends, a few more are mid-run; of the 10,000 of a millisecond on three
        // threads, most are still queued.
        assertThat(unfinished.running).isBetween(1L, (long) ThrowOnMain.POOL_THREADS);
        assertThat(unfinished.queued).isBetween(1L, (long) ThrowOnMain.TASKS);
        assertThat(TaskRecordingIT.executor(r.summary(), "daemon-pool")).containsEntry("tasks", ThrowOnMain.TASKS + 1L);
        assertThat(onlyTask(r.trace(), ThrowOnMain.NeverEnds.class).outcome).isEqualTo("running");
    }

    /** The summary's counts of work in flight. */
    private static final class Unfinished {
        final long running;
        final long queued;

        Unfinished(long running, long queued) {
            this.running = running;
            this.queued = queued;
        }
    }

    /**
     * Checks what every abrupt exit must leave: three reports that parse, written without a fault,
     * marked partial in each, with counts that agree with the executor's own and with the trace.
     */
    @SuppressWarnings("unchecked")
    private static Unfinished partialReports(AgentJvm.Result r, String executor) throws Exception {
        assertThat(r.stderr).as(r.toString()).doesNotContain("could not write the reports", "internal fault");
        assertThat(r.stderr).contains("[loopscope] report: " + r.reports.resolve("loopscope-report.html"));

        Map<String, Object> summary = r.summary();
        assertThat(summary.get("partial")).as(r.toString()).isEqualTo(true);
        assertThat(summary.get("dropped")).isEqualTo(0L);
        Map<String, Object> counts = (Map<String, Object>) summary.get("unfinished");
        Unfinished unfinished = new Unfinished((Long) counts.get("running"), (Long) counts.get("queued"));
        // All the work in flight is the executor's: its own counts say the same.
        Map<String, Object> stats = TaskRecordingIT.executor(summary, executor);
        assertThat(stats.get("running")).isEqualTo(unfinished.running);
        assertThat(stats.get("notStarted")).isEqualTo(unfinished.queued);
        assertThat(stats.get("rejected")).isEqualTo(0L);

        assertThat(r.stderr).containsPattern("\\[loopscope] \\d+ tasks on \\d+ executors, \\d+ threads, over .* \\(partial\\)\n")
                .contains("[loopscope] partial: the recording ended with " + unfinished.running + " tasks running and "
                        + unfinished.queued + " queued (never started)\n");

        RecordedTrace trace = r.trace();
        List<Task> runningSlices = trace.tasks(t -> t.executor.equals(executor) && t.outcome.equals("running"));
        assertThat(runningSlices).hasSize((int) unfinished.running);

        String html = Files.readString(r.reports.resolve("loopscope-report.html"));
        assertThat(html).contains("\"partial\":true,\"unfinishedRunning\":" + unfinished.running
                + ",\"unfinishedQueued\":" + unfinished.queued);
        return unfinished;
    }

    private static Task onlyTask(RecordedTrace trace, Class<?> type) {
        List<Task> named = trace.tasks(t -> t.name.equals(type.getName()));
        assertThat(named).as("slices of %s", type.getName()).hasSize(1);
        return named.get(0);
    }
}
