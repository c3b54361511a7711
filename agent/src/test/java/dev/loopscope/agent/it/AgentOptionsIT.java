package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.workloads.ManyTinyTasks;
import dev.loopscope.agent.it.workloads.PoolFanOut;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Options as a user gives them: bad ones are named once and the application runs untouched. */
class AgentOptionsIT {

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "bogus=1        => unknown option 'bogus'; valid options are out, reports, buffer, include, exclude, timeline, jfr, verbose",
        "Stall=1s       => unknown option 'Stall' (did you mean stall?); valid options are out, reports,",
        "buffer=lots    => bad value 'lots' for option buffer: expected a size such as 64m, 512k or 1g, from 1m to 32g",
        "buffer=10k     => bad value '10k' for option buffer: expected a size such as 64m, 512k or 1g, from 1m to 32g",
        "jfr=maybe      => bad value 'maybe' for option jfr: expected true or false (or on, off)",
        "verbose        => option 'verbose' has no value",
        "jfr=true,jfr=false => option 'jfr' is given twice; give it once",
        "include=a||b   => bad value 'a||b' for option include: an empty glob; expected names or globs separated by single |",
        "stall=2h       => bad value '2h' for option stall: expected a duration such as 100ms or 2s, from 1ms to 1h, or off",
        "watchdog=off   => bad value 'off' for option watchdog: expected a duration such as 10ms, from 1ms to 1s",
        "blocking=loud  => bad value 'loud' for option blocking: expected one of record, warn, fail, off",
        "commonPool=yes => bad value 'yes' for option commonPool: expected one of report, loop, off",
        "allow=sleep    => bad value 'sleep' for option allow: entry 'sleep' is not a method such as com.acme.Cache.load",
        "'=x' => option '=x' has no name: write KEY=VALUE; valid options are out,",
    })
    void badOptionIsNamedOnceAndTheApplicationRunsWithoutTheAgent(String options, String message) throws Exception {
        AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).options(options).args("100", "3").run("bad-option");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout).isEqualTo("workload done\n");
        List<String> lines = r.stderr.lines().toList();
        assertThat(lines).as(r.stderr).hasSize(1);
        assertThat(lines.get(0)).startsWith("[loopscope] " + message)
                .endsWith("The agent is off; the application runs without it.");
        assertThat(r.reports).doesNotExist();
    }

    @Test
    void emptyOptionIsNamed() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).options("buffer=8m,").args("10").run("empty-option");
        assertThat(r.exitCode).isZero();
        assertThat(r.stderr).startsWith("[loopscope] empty option (at the end) in ").hasLineCount(1);
    }

    /** The test passes {@code out} first: a second one is named as given twice, and nothing is written. */
    @Test
    void duplicatedOutIsNamed() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).options("out=").args("10", "4").run("out-twice");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(4);
        assertThat(r.stderr).isEqualTo("[loopscope] option 'out' is given twice; give it once. The agent is off; the application "
                + "runs without it.\n");
        assertThat(r.reports).doesNotExist();
    }

    /** A value that holds a line break is shown escaped: the message stays one line. */
    @Test
    void aLineBreakInAValueKeepsTheMessageOnOneLine() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).options("blocking=warn\nfail").args("10", "5").run("newline-option");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(5);
        assertThat(r.stdout).isEqualTo("workload done\n");
        assertThat(r.stderr).isEqualTo("[loopscope] bad value 'warn\\u000afail' for option blocking: expected one of record, "
                + "warn, fail, off. The agent is off; the application runs without it.\n");
    }

    @Test
    void exitCodeOfTheApplicationIsKeptAndReportsAreWritten() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).args("1000", "7").run("exit-code");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(7);
        assertThat(TaskRecordingIT.executor(r.summary(), "tiny")).containsEntry("tasks", 1000L);
        assertThat(r.stderr).contains("[loopscope] report: " + r.reports.resolve("loopscope-report.html"));
    }

    @Test
    void reportsFalseWritesNoReportAndKeepsTheExitCode() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).options("reports=false").args("1000", "5").run("no-reports");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(5);
        assertThat(r.stdout).isEqualTo("workload done\n");
        assertThat(r.stderr).isEqualTo("[loopscope] reports=false: no reports written at exit\n");
        assertThat(r.reports).doesNotExist();
    }

    @Test
    void smallBufferDropsAndCountsWhatDoesNotFit() throws Exception {
        int tasks = 200_000;
        AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).options("buffer=1m").args(String.valueOf(tasks)).run("small-buffer");
        assertThat(r.exitCode).as(r.toString()).isZero();
        Map<String, Object> summary = r.summary();
        long dropped = (Long) summary.get("dropped");
        long kept = (Long) TaskRecordingIT.executor(summary, "tiny").get("tasks");
        // Each task is two events (submission and run); 1 MiB holds far fewer than 200,000 of them.
        assertThat(dropped).isPositive();
        assertThat(kept).isPositive().isLessThan(tasks);
        assertThat(r.stderr).contains("events dropped: the buffer was full (raise it with buffer=");
        assertThat(Files.size(r.reports.resolve("loopscope-report.html"))).isPositive();
    }

    @Test
    void includeKeepsOnlyMatchingExecutorsOrThreads() throws Exception {
        AgentJvm.Result r = AgentJvm.of(PoolFanOut.class).options("include=fanout*").run("include");
        assertThat(r.exitCode).as(r.toString()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> executors = (List<Map<String, Object>>) r.summary().get("executors");
        assertThat(executors).extracting(e -> e.get("name")).containsExactlyInAnyOrder("fanout", "Thread.start");
        assertThat(r.trace().tasks()).allSatisfy(t -> assertThat(t.thread).startsWith("fanout-worker-"));
    }

    @Test
    void excludeDropsMatchingTasks() throws Exception {
        AgentJvm.Result r = AgentJvm.of(PoolFanOut.class).options("exclude=Thread.start|main").run("exclude");
        assertThat(r.exitCode).as(r.toString()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> executors = (List<Map<String, Object>>) r.summary().get("executors");
        assertThat(executors).extracting(e -> e.get("name")).containsExactly("fanout");
    }

    @Test
    void unwritableOutputDirectoryFallsBackToTheTempDirectory() throws Exception {
        java.nio.file.Path blocker = AgentJvm.workDir("unwritable-out").resolve("not-a-dir");
        Files.writeString(blocker, "a file where the reports directory should be");
        AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).jvmArg("-Djava.io.tmpdir=" + blocker.getParent())
                .reportsTo(blocker).args("10").run("unwritable-out-run");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stderr).contains("[loopscope] cannot write reports to " + blocker + " (it is a file, not a directory);"
                + " writing them to " + blocker.getParent().resolve("loopscope-"));
        String line = r.stderr.lines().filter(l -> l.startsWith("[loopscope] report: ")).findFirst().orElseThrow();
        assertThat(java.nio.file.Paths.get(line.substring("[loopscope] report: ".length()))).exists();
        assertThat(blocker).hasContent("a file where the reports directory should be");
    }

    /** Where no directory can be made: under a regular file, and in the kernel's /proc (even for root). */
    @Test
    void outputDirectoryThatCannotBeMadeFallsBackAndKeepsTheExitCode() throws Exception {
        java.nio.file.Path file = AgentJvm.workDir("out-under-file").resolve("plain-file");
        Files.writeString(file, "x");
        for (java.nio.file.Path out : List.of(file.resolve("reports"), java.nio.file.Paths.get("/proc/self/loopscope-reports"))) {
            AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).jvmArg("-Djava.io.tmpdir=" + file.getParent())
                    .reportsTo(out).args("10", "6").run("out-under-file-run");
            assertThat(r.exitCode).as(r.toString()).isEqualTo(6);
            assertThat(r.stdout).isEqualTo("workload done\n");
            assertThat(r.stderr).contains("[loopscope] cannot write reports to " + out + " (");
            String line = r.stderr.lines().filter(l -> l.startsWith("[loopscope] report: ")).findFirst().orElseThrow();
            assertThat(java.nio.file.Paths.get(line.substring("[loopscope] report: ".length()))).exists()
                    .startsWith(file.getParent());
        }
    }
}
