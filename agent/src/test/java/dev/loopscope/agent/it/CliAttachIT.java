package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loopscope.agent.it.workloads.JfrAttachWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code attach PID}: the agent joins a running JVM, which writes its reports when it exits. */
class CliAttachIT {

    @Test
    void attachedJvmWritesReportsWhenItExits() throws Exception {
        Path dir = AgentJvm.workDir("cli-attach");
        Path stop = dir.resolve("stop");
        JvmProcess target = JvmProcess.start(dir, List.of(), JfrAttachWorkload.class, stop.toString());
        try {
            target.awaitStdout("running", 30);
            // A relative out= is the directory the user ran the command in, not the target's.
            Path cliDir = Files.createDirectories(dir.resolve("cli"));
            JvmProcess.Result cli = JvmProcess.cli(cliDir, "attach", Long.toString(target.pid()), "out=reports");
            assertThat(cli.exitCode).as(cli.toString()).isZero();
            Path reports = cliDir.resolve("reports");
            assertThat(cli.stdout).isEqualTo("[loopscope] attached to process " + target.pid()
                    + "; it records until it exits, then writes its reports to " + reports + "\n");

            Files.createFile(stop);
            JvmProcess.Result done = target.await(60);
            assertThat(done.exitCode).as(done.toString()).isZero();
            assertThat(done.stderr).contains("[loopscope] attached; recording until this JVM exits",
                    "[loopscope] report: " + reports.resolve("loopscope-report.html"));
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) MiniJson.parse(
                    Files.readString(reports.resolve("loopscope-summary.json")));
            assertThat(summary.get("source")).isEqualTo("agent");
            // A pool created after the attach is recorded in full. (The first pool's submissions are
            // recorded too, but not the runs of its workers: they were already inside runWorker,
            // whose retransformed code only takes effect on its next call.)
            assertThat(JfrRoundTripIT.executor(summary, JfrAttachWorkload.FRESH))
                    .containsEntry("tasks", (long) JfrAttachWorkload.AFTER_STOP)
                    .containsEntry("notStarted", 0L).containsEntry("threads", 2L);
            assertThat(summary.get("tasks")).isInstanceOf(Long.class);
            assertThat((Long) summary.get("tasks")).isGreaterThanOrEqualTo(2L * JfrAttachWorkload.AFTER_STOP);
        } finally {
            target.kill();
        }
    }

    @Test
    void notAProcessId() throws Exception {
        JvmProcess.Result cli = JvmProcess.cli(AgentJvm.workDir("cli-attach-bad"), "attach", "twelve");
        assertFails(cli, "attach: 'twelve' is not a process id");
        assertThat(cli.stderr).contains("usage: java -jar loopscope-agent.jar COMMAND");
    }

    @Test
    void noSuchProcess() throws Exception {
        // Above any pid_max, so never a live process.
        JvmProcess.Result cli = JvmProcess.cli(AgentJvm.workDir("cli-attach-none"), "attach", "2147483647");
        assertFails(cli, "attach: no process with id 2147483647 is running");
    }

    @Test
    void badOptionsAreReportedBeforeAttaching() throws Exception {
        String self = Long.toString(ProcessHandle.current().pid());
        JvmProcess.Result cli = JvmProcess.cli(AgentJvm.workDir("cli-attach-options"), "attach", self, "buffer=lots");
        assertFails(cli, "attach: bad value 'lots' for option buffer: expected a size such as 64m");
    }

    /** The attach protocol signals its target with SIGQUIT, which would end a process that is no JVM. */
    @Test
    void processThatIsNoJvmIsLeftAlone() throws Exception {
        Path sleep = Paths.get("/bin/sleep");
        assumeTrue(Files.isExecutable(sleep), "needs /bin/sleep");
        Process other = new ProcessBuilder(sleep.toString(), "30").start();
        try {
            JvmProcess.Result cli = JvmProcess.cli(AgentJvm.workDir("cli-attach-not-jvm"), "attach",
                    Long.toString(other.pid()));
            assertFails(cli, "attach: process " + other.pid() + " is not a JVM this user can attach to");
            assertThat(other.waitFor(200, TimeUnit.MILLISECONDS)).as("still running").isFalse();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    private static void assertFails(JvmProcess.Result cli, String message) {
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
        assertThat(cli.stdout).as(cli.toString()).isEmpty();
        assertThat(cli.stderr).as(cli.toString()).startsWith("loopscope: " + message);
    }
}
