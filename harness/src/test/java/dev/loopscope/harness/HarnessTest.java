package dev.loopscope.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.loopscope.harness.examples.LoopExamples;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/**
 * The harness seen from outside: example test classes run through the JUnit Platform, with the
 * agent attached (see the pom's argLine), and the outcome and message of each checked.
 */
class HarnessTest {

    @Test
    void aCorrectAsyncTestPasses() {
        Events tests = run(LoopExamples.Passing.class);
        passed(tests, 2);
    }

    @Test
    void aBlockingCallOnTheLoopFailsTheTestWithApiCallSiteAndStack() {
        String message = failure(run(LoopExamples.BlockingOnTheLoop.class, "sleepsOnTheLoop"));
        assertThat(message).contains("blocking call Thread.sleep on loop thread 'loopscope-test-loop-",
                "at " + LoopExamples.BlockingOnTheLoop.class.getName() + ".napOnTheLoop(LoopExamples.java:",
                "blocked ", "at " + LoopExamples.BlockingOnTheLoop.class.getName() + ".lambda$sleepsOnTheLoop$");
    }

    @Test
    void aBlockingCallOnALoopThreadThatEndedBeforeItsTestIsStillBlamedOnIt() {
        String message = failure(run(LoopExamples.EndedLoopThread.class));
        assertThat(message).contains("blocking call Thread.sleep on loop thread 'parallel-short-lived'",
                LoopExamples.EndedLoopThread.class.getName() + ".napOnAShortLivedLoop(LoopExamples.java:");
    }

    @Test
    void allowBlockingAndWarnLetTheTestPass() {
        Events allowed = run(LoopExamples.BlockingOnTheLoop.class, "allowedToBlock");
        passed(allowed, 1);
        Events warned = run(LoopExamples.BlockingOnTheLoop.class, "onlyWarns");
        passed(warned, 1);
        List<String> entries = warned.reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("loopscope"))
                .collect(Collectors.toList());
        assertThat(entries).anySatisfy(e -> assertThat(e).contains("blocking call Thread.sleep", "napOnTheLoop"));
    }

    @Test
    void aStallFailsTheTestWithASampleInTheCulprit() {
        String message = failure(run(LoopExamples.Stall.class));
        assertThat(message).contains("stall on loop thread 'loopscope-test-loop-", "RUNNABLE",
                LoopExamples.Stall.class.getName() + ".crunchNumbers(LoopExamples.java:");
    }

    @Test
    void aHangFailsAtTheTimeoutNamingWhatIsPending() {
        long start = System.nanoTime();
        String message = failure(run(LoopExamples.Hang.class));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(message).contains("test timed out after 500 ms", "pending on loopscope-test-loop-",
                "task #1 submitted at " + LoopExamples.Hang.class.getName() + ".waitsForever(LoopExamples.java:",
                "task #2 submitted at " + LoopExamples.Hang.class.getName() + ".waitsForever(LoopExamples.java:",
                "busyUntilInterrupted", "thread 'loopscope-test-");
        assertThat(millis).as("the suite went on").isLessThan(5_000);
    }

    @Test
    void aTaskLeftOnTheLoopIsALeakNamingWhereItWasScheduled() {
        String message = failure(run(LoopExamples.Leak.class));
        assertThat(message).contains("leaked (still on the loop when the test ended): timer #1",
                "scheduled at " + LoopExamples.Leak.class.getName() + ".leavesATimerBehind(LoopExamples.java:");
    }

    @Test
    void aFailureNobodyObservedFailsTheTest() {
        Event failed = run(LoopExamples.LostException.class).failed().list().get(0);
        String message = message(failed);
        assertThat(message).contains("failed and nobody observed it: java.lang.IllegalStateException: nobody looked at me",
                "submitted at " + LoopExamples.LostException.class.getName() + ".submitsAndForgets(LoopExamples.java:");
        assertThat(cause(failed)).hasMessage("nobody looked at me");
    }

    @Test
    void aFutureFailingOutsideTheLoopThatNobodyObservedFailsTheTest() {
        Class<?> futures = LoopExamples.Futures.class;
        Event failed = run(futures, "failsInThePoolAndIsForgotten").failed().list().get(0);
        assertThat(message(failed)).contains("CompletableFuture created at " + futures.getName()
                + ".failsInThePoolAndIsForgotten(LoopExamples.java:", "on thread 'loopscope-test-",
                "failed and nobody observed it: java.lang.IllegalStateException: lost in the pool");
        assertThat(cause(failed)).hasMessage("lost in the pool");
        assertThat(failure(run(futures, "dropsTheEndOfAChain"))).contains("1 problem", "CompletableFuture created at "
                + futures.getName() + ".dropsTheEndOfAChain(LoopExamples.java:",
                "failed and nobody observed it: java.lang.IllegalArgumentException: the chain's last stage failed");
        assertThat(failure(run(futures, "neverCompletesNorLooksAtAFuture"))).contains("CompletableFuture created at "
                + futures.getName() + ".neverCompletesNorLooksAtAFuture(LoopExamples.java:",
                "is still pending, and nothing ever waited for it or looked at it");
        passed(run(futures, "observesEachFailure"), 1);
        assertThat(failure(run(futures, "timesOutAndNobodyLooks"))).contains("1 problem", "CompletableFuture created at "
                + futures.getName() + ".timesOutAndNobodyLooks(LoopExamples.java:",
                "failed and nobody observed it: java.util.concurrent.TimeoutException").doesNotContain("pending");
        passed(run(futures, "timesOutAndFallsBack"), 1);
    }

    @Test
    void stagesWhoseStateCannotBeReadLeaveTrackingOnForTheNextTests() {
        passed(run(LoopExamples.Futures.class, "usesMinimalStages"), 1);
        assertThat(failure(run(LoopExamples.Futures.class, "failsInThePoolAndIsForgotten")))
                .contains("failed and nobody observed it: java.lang.IllegalStateException: lost in the pool");
    }

    @Test
    void blockingInTheCommonPoolIsBlamedOnItsTestAsAWarning() {
        Events tests = run(LoopExamples.Futures.class, "blocksInTheCommonPool");
        passed(tests, 1);
        List<String> entries = tests.reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("loopscope"))
                .filter(java.util.Objects::nonNull).collect(Collectors.toList());
        assertThat(entries).anySatisfy(e -> assertThat(e).contains("blocking call Thread.sleep on common-pool thread",
                LoopExamples.Futures.class.getName() + ".napInThePool(LoopExamples.java:"));
    }

    @Test
    void aHangOnFuturesNamesTheIncompleteFuturesAndVirtualThreads() {
        String message = failure(run(LoopExamples.HangOnFutures.class, "waitsForAFutureNobodyCompletes"));
        String site = LoopExamples.HangOnFutures.class.getName() + ".waitsForAFutureNobodyCompletes(LoopExamples.java:";
        assertThat(message).contains("test timed out after 500 ms", "incomplete futures the test created:",
                "CompletableFuture created at " + site, "incomplete for ");
        assertThat(message.split(java.util.regex.Pattern.quote("CompletableFuture created at " + site), -1))
                .as("the future and its dependent").hasSize(3);
        if (Runtime.version().feature() >= 21) {
            assertThat(failure(run(LoopExamples.HangOnFutures.class, "waitsForAVirtualThread")))
                    .contains("test timed out after 500 ms", "VirtualThread[#", "parksOnAVirtualThread");
        }
    }

    @Test
    void anUncaughtExceptionOnASpawnedThreadFailsTheTest() {
        String message = failure(run(LoopExamples.UncaughtOnSpawnedThread.class));
        assertThat(message).contains("uncaught java.lang.IllegalStateException: boom on a spawned thread on thread 'spawned-worker'");
    }

    @Test
    void anHourOfVirtualTimeRunsInUnderASecond() {
        Events tests = run(LoopExamples.VirtualTime.class);
        passed(tests, 2);
        assertThat(LoopExamples.VirtualTime.ATTEMPTS).hasValueGreaterThanOrEqualTo(13);
    }

    @Test
    void aBadSettingFailsWithAMessageNamingIt() {
        Events all = EngineTestKit.engine("junit-jupiter").selectors(selectClass(LoopExamples.BadSetting.class)).execute()
                .allEvents();
        String message = failure(all);
        assertThat(message).isEqualTo("Loopscope: bad value 'ten seconds' for timeout in @LoopscopeTest(timeout) on class "
                + LoopExamples.BadSetting.class.getName() + ": expected a positive duration such as 10s, 250ms, 2m or 1h, at most 24h");
    }

    @Test
    void timelineAssertionsPassOnWorkOfKnownShape() {
        Events tests = run(dev.loopscope.harness.examples.TimelineExamples.Passing.class);
        passed(tests, 3);
    }

    @Test
    void timelineAssertionsFailNamingTheTasks() {
        Class<?> failing = dev.loopscope.harness.examples.TimelineExamples.Failing.class;
        assertThat(failure(run(failing, "crawlerIsNotLimitedToTwo")))
                .contains("the most tasks of executor 'site' running at once", "to be less than or equal to", "on site (thread site-");
        assertThat(failure(run(failing, "serialCallsDoNotOverlap")))
                .contains("expected all 5 tasks of executor 'serial' to run at one common instant", "ended", "before", "on serial (thread serial-1)");
        assertThat(failure(run(failing, "serialCallsWaitInTheQueue"))).contains("p99.0 queue wait of executor 'serial' over 5 tasks");
        assertThat(failure(run(failing, "blockedTheLoop")))
                .contains("expected no blocking calls on loop threads, but found 1", "Thread.sleep on 'loopscope-test-loop-",
                        "TimelineExamples.nap(TimelineExamples.java:");
        assertThat(failure(run(failing, "stalledTheLoop"))).contains("expected no stalls on loop threads, but found 1");
        assertThat(failure(run(failing, "unknownExecutor")))
                .contains("no tasks of executor 'no-such-pool' were recorded in this test; executors seen:");
    }

    @Test
    void eachTestsTimelineIsWrittenAndPublished() {
        Events tests = run(dev.loopscope.harness.examples.TimelineExamples.Passing.class, "gatheredCallsOverlap");
        List<String> reports = tests.reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("loopscope.report"))
                .filter(java.util.Objects::nonNull).collect(Collectors.toList());
        assertThat(reports).singleElement().satisfies(path -> {
            assertThat(path).endsWith("target/loopscope/" + dev.loopscope.harness.examples.TimelineExamples.Passing.class.getName()
                    + "/gatheredCallsOverlap.html");
            String html;
            try {
                html = java.nio.file.Files.readString(java.nio.file.Path.of(path));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(html).contains("<html").contains("gather-");
        });
    }

    @Test
    void inParallelEachFindingIsBlamedOnTheTestThatCausedIt() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "6")
                .selectors(selectClass(LoopExamples.Passing.class), selectClass(LoopExamples.BlockingOnTheLoop.class),
                        selectClass(LoopExamples.Stall.class), selectClass(LoopExamples.Leak.class),
                        selectClass(LoopExamples.LostException.class), selectClass(LoopExamples.UncaughtOnSpawnedThread.class),
                        selectClass(LoopExamples.VirtualTime.class))
                .execute().testEvents();
        java.util.Map<String, String> outcomes = new java.util.TreeMap<>();
        for (Event e : tests.finished().list()) {
            TestExecutionResult result = e.getPayload(TestExecutionResult.class).orElseThrow();
            outcomes.put(e.getTestDescriptor().getDisplayName(), result.getStatus() + " "
                    + result.getThrowable().map(Throwable::getMessage).orElse(""));
        }
        assertThat(outcomes).hasSize(11);
        assertThat(outcomes.get("sleepsOnTheLoop(TestLoop)")).startsWith("FAILED").contains("napOnTheLoop")
                .doesNotContain("crunchNumbers", "nobody looked", "boom", "leaked");
        assertThat(outcomes.get("spinsOnTheLoop(TestLoop)")).startsWith("FAILED").contains("stall", "crunchNumbers")
                .doesNotContain("napOnTheLoop", "nobody looked", "boom", "leaked");
        assertThat(outcomes.get("leavesATimerBehind(TestLoop)")).startsWith("FAILED").contains("leaked")
                .doesNotContain("napOnTheLoop", "crunchNumbers", "nobody looked", "boom");
        assertThat(outcomes.get("submitsAndForgets(TestLoop)")).startsWith("FAILED").contains("nobody looked at me")
                .doesNotContain("napOnTheLoop", "crunchNumbers", "boom", "leaked");
        assertThat(outcomes.get("spawnsAThreadThatDies()")).startsWith("FAILED").contains("boom on a spawned thread")
                .doesNotContain("napOnTheLoop", "crunchNumbers", "nobody looked", "leaked");
        for (String passing : List.of("asyncChainOnTheLoop(TestLoop)", "failureOfTheStageIsRethrownUnwrapped(TestLoop)",
                "allowedToBlock(TestLoop)", "onlyWarns(TestLoop)", "anHourOfBackOffInMilliseconds(TestLoop)",
                "advanceByRunsWhatComesDueInOrder(TestLoop)")) {
            assertThat(outcomes.get(passing)).as(passing).startsWith("SUCCESSFUL");
        }
    }

    // ---- running examples ----

    static Events run(Class<?> type) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(type)).execute().testEvents();
    }

    static Events run(Class<?> type, String method) {
        java.lang.reflect.Method m = java.util.Arrays.stream(type.getDeclaredMethods())
                .filter(d -> d.getName().equals(method)).findFirst().orElseThrow();
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, m)).execute().testEvents();
    }

    /** Checks that all {@code n} tests of {@code events} passed, showing the failures' messages if not. */
    static void passed(Events events, int n) {
        List<String> failures = events.failed().list().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": "
                + message(e)).collect(Collectors.toList());
        assertThat(failures).as("failures").isEmpty();
        assertThat(events.succeeded().count()).isEqualTo(n);
    }

    /** The message of the one failed test of {@code events}. */
    static String failure(Events events) {
        List<Event> failed = events.failed().list();
        assertThat(failed).as("failed tests of %s", events.list()).hasSize(1);
        return message(failed.get(0));
    }

    static String message(Event event) {
        assertThat(event.getType()).isEqualTo(EventType.FINISHED);
        Optional<Throwable> thrown = event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
        return thrown.map(Throwable::getMessage).orElse("");
    }

    static Throwable cause(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getCause).orElse(null);
    }
}
