package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.workloads.ManyTinyTasks;
import dev.loopscope.agent.it.workloads.PoolThenLoop;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fault inside the agent never reaches the application. Each point of the test-only switch
 * ({@code -Dloopscope.test.faults}, see {@code FaultInjection}) fails in turn under {@link
 * PoolThenLoop}, whose output and exit code are known from a run without the agent: with the
 * fault, the application prints exactly that and exits with that code, the agent names the fault
 * on one stderr line (never a stack trace), and what does not depend on the failed part still works.
 */
class FaultInjectionIT {

    private static final int EXIT_CODE = 7;
    /** A stall threshold far above the workload's 20 ms sleep and 1 ms tasks, even on a loaded machine, and below its 1.5 s stall. */
    private static final String OPTIONS = "loops=" + PoolThenLoop.LOOP + ",stall=1s";
    private static final String AT = " (at dev.loopscope.agent.";

    /** Each fault point: the start of the one line that reports it, and what must still work. */
    enum Fault {
        RECORDER("[loopscope] internal fault in the submit hook" + AT + "recorder.Recorder.write(Recorder.java:") {
            @Override
            void whatStillWorks(AgentJvm.Result r) throws Exception {
                // The reports are written, cover the run up to the fault and say so.
                Map<String, Object> summary = r.summary();
                assertThat(summary).containsEntry("partial", true);
                assertThat(workTasks(summary)).isPositive().isLessThan(PoolThenLoop.TASKS);
                // Detection runs inside the recorder's hooks: it stopped with them, before the loop phase.
                assertThat(BlockingDetectionIT.calls(summary)).isEmpty();
                assertThat(BlockingDetectionIT.list(summary, "stalls")).isEmpty();
                assertThat(r.stderr).contains("(partial)").contains(STOPPED_EARLY);
                assertThat(r.reports.resolve("loopscope-report.html")).isNotEmptyFile();
            }
        },
        DETECTOR("[loopscope] internal fault in the blocking call hook" + AT + "detect.Detector.blockingEnter(Detector.java:") {
            @Override
            void whatStillWorks(AgentJvm.Result r) throws Exception {
                // The timeline is written: the pool phase, over before the loop's first blocking call, is whole.
                Map<String, Object> summary = r.summary();
                assertThat(summary).containsEntry("partial", true);
                assertThat(workTasks(summary)).isEqualTo(PoolThenLoop.TASKS);
                assertThat(r.trace().onExecutor("work")).hasSize(PoolThenLoop.TASKS);
                assertThat(BlockingDetectionIT.calls(summary)).isEmpty();
                // The task cut off by the fault never ends for the detector: the watchdog stopped
                // with it rather than report a stall that never was.
                assertThat(BlockingDetectionIT.list(summary, "stalls")).isEmpty();
                assertThat(r.stderr).contains(STOPPED_EARLY);
            }
        },
        WATCHDOG("[loopscope] internal fault in the watchdog" + AT + "detect.Watchdog.checkAll(Watchdog.java:") {
            @Override
            void whatStillWorks(AgentJvm.Result r) throws Exception {
                // Recording and the hooks' detection go on; the stall is found at its end, unsampled.
                Map<String, Object> summary = r.summary();
                assertThat(summary).containsEntry("partial", false);
                assertThat(workTasks(summary)).isEqualTo(PoolThenLoop.TASKS);
                assertTheSleepIsTheOneBlockingCall(summary);
                assertThat(BlockingDetectionIT.list(summary, "stalls")).singleElement().satisfies(s -> {
                    assertThat(s).containsEntry("thread", PoolThenLoop.LOOP).containsEntry("inProgress", false);
                    assertThat((List<?>) s.get("samples")).isEmpty();
                    assertThat((Long) s.get("durationNanos")).isGreaterThanOrEqualTo(PoolThenLoop.STALL_MILLIS * 1_000_000L);
                });
            }
        },
        WRITER("[loopscope] internal fault in the report writer" + AT + "report.ReportSet.write(ReportSet.java:") {
            @Override
            void whatStillWorks(AgentJvm.Result r) throws Exception {
                // Nothing half-written claims to be a report: no summary without its trace, no temporary file.
                try (Stream<java.nio.file.Path> files = Files.list(r.reports)) {
                    assertThat(files).isEmpty();
                }
                assertThat(r.stderr).doesNotContain("[loopscope] report: ").doesNotContain(" tasks on ");
            }
        },
        BUFFER("[loopscope] the heap ran out when the recorder took more memory (java.lang.OutOfMemoryError: ") {
            @Override
            void whatStillWorks(AgentJvm.Result r) throws Exception {
                // What did not fit is dropped and counted; the rest, and detection, are all there.
                Map<String, Object> summary = r.summary();
                assertThat(summary).containsEntry("partial", false);
                assertThat((Long) summary.get("dropped")).isPositive();
                assertThat(workTasks(summary)).isPositive().isLessThan(PoolThenLoop.TASKS);
                assertTheSleepIsTheOneBlockingCall(summary);
                assertThat(BlockingDetectionIT.list(summary, "stalls")).singleElement()
                        .satisfies(s -> assertThat(s).containsEntry("thread", PoolThenLoop.LOOP));
                assertThat(r.stderr).contains(" events dropped: no heap left for the recorder (raise -Xmx; more below)")
                        .doesNotContain("the buffer was full");
            }
        };

        final String line;

        Fault(String line) {
            this.line = line;
        }

        String point() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        abstract void whatStillWorks(AgentJvm.Result r) throws Exception;
    }

    private static final String STOPPED_EARLY =
            "[loopscope] recording stopped early at the fault above: the reports cover the run up to it and are marked partial";

    @BeforeAll
    static void theApplicationPrintsThisAndExitsSoWithoutTheAgent() throws Exception {
        AgentJvm.Result r = AgentJvm.of(PoolThenLoop.class).withoutAgent().args(String.valueOf(EXIT_CODE)).run("faults/no-agent");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(EXIT_CODE);
        assertThat(r.stdout).as(r.toString()).isEqualTo(PoolThenLoop.STDOUT);
        assertThat(r.stderr).as(r.toString()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultInsideTheAgentIsReportedOnceAndTheApplicationRunsAsWithoutIt(Fault fault) throws Exception {
        AgentJvm.Result r = AgentJvm.of(PoolThenLoop.class).options(OPTIONS)
                .jvmArg("-Dloopscope.test.faults=" + fault.point()).args(String.valueOf(EXIT_CODE)).run("faults/" + fault.point());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(EXIT_CODE);
        assertThat(r.stdout).as(r.toString()).isEqualTo(PoolThenLoop.STDOUT);
        assertThat(faultLines(r)).as(r.toString()).singleElement().satisfies(line -> {
            assertThat(line).startsWith(fault.line).contains("injected test fault: " + fault.point());
            if (line.contains("internal fault")) {
                assertThat(line).contains("; the application is unaffected: java.lang.IllegalStateException: ");
            }
        });
        assertNoStackTrace(r);
        fault.whatStillWorks(r);
    }

    /** The control: the same run without a fault finds all the assertions above rely on. */
    @Test
    void withoutAFaultNothingIsReportedAndEverythingIsRecordedAndFound() throws Exception {
        AgentJvm.Result r = AgentJvm.of(PoolThenLoop.class).options(OPTIONS).args(String.valueOf(EXIT_CODE)).run("faults/none");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(EXIT_CODE);
        assertThat(r.stdout).as(r.toString()).isEqualTo(PoolThenLoop.STDOUT);
        assertThat(faultLines(r)).as(r.toString()).isEmpty();
        assertNoStackTrace(r);
        Map<String, Object> summary = r.summary();
        assertThat(summary).containsEntry("partial", false).containsEntry("dropped", 0L);
        assertThat(workTasks(summary)).isEqualTo(PoolThenLoop.TASKS);
        assertTheSleepIsTheOneBlockingCall(summary);
        assertThat(BlockingDetectionIT.list(summary, "stalls")).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("thread", PoolThenLoop.LOOP).containsEntry("inProgress", false);
            assertThat((List<?>) s.get("samples")).isNotEmpty();
        });
        assertThat(r.stderr).doesNotContain("partial").contains("[loopscope] report: ");
    }

    @Test
    void anUnknownFaultNameIsNamedOnceWithTheValidOnes() throws Exception {
        AgentJvm.Result r = AgentJvm.of(ManyTinyTasks.class).options("reports=false")
                .jvmArg("-Dloopscope.test.faults=bogus").args("10", "3").run("faults/unknown");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout).isEqualTo("workload done\n");
        assertThat(r.stderr.lines()).as(r.toString()).containsExactly(
                "[loopscope] unknown test fault 'bogus' in -Dloopscope.test.faults; valid ones are recorder, detector, "
                        + "watchdog, writer, buffer",
                "[loopscope] reports=false: no reports written at exit");
    }

    /** Lines about a fault of the agent's own, injected or not. */
    private static List<String> faultLines(AgentJvm.Result r) {
        return r.stderr.lines().filter(l -> l.contains("internal fault") || l.contains("injected test fault")
                || l.contains("heap ran out")).toList();
    }

    private static void assertNoStackTrace(AgentJvm.Result r) {
        assertThat(r.stderr.lines()).as(r.toString()).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by: ")
                || l.startsWith("Exception in thread "));
    }

    private static long workTasks(Map<String, Object> summary) {
        return (Long) TaskRecordingIT.executor(summary, "work").get("tasks");
    }

    private static void assertTheSleepIsTheOneBlockingCall(Map<String, Object> summary) {
        assertThat(BlockingDetectionIT.calls(summary)).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("api", "Thread.sleep").containsEntry("thread", PoolThenLoop.LOOP);
            assertThat(BlockingDetectionIT.plantOf(c)).isEqualTo("blockTheLoop");
        });
    }
}
