package dev.loopscope.samples.mistakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopscope.samples.mistakes.examples.CpuOnTheLoopExample;
import dev.loopscope.samples.mistakes.examples.FileReadOnTheLoopExample;
import dev.loopscope.samples.mistakes.examples.JoinOnTheLoopExample;
import dev.loopscope.samples.mistakes.examples.MissingTimeoutExample;
import dev.loopscope.samples.mistakes.examples.NeverAwaitedExample;
import dev.loopscope.samples.mistakes.examples.QueryOnTheNettyLoopExample;
import dev.loopscope.samples.mistakes.examples.SleepOnTheLoopExample;
import dev.loopscope.samples.mistakes.examples.SwallowedExceptionExample;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Each classic mistake, caught: the example's {@code wrong} test fails with the message below,
 * and its {@code right} test, the same job done the loop's way, passes. The examples run through
 * the JUnit Platform with the agent attached (the pom's argLine), as a user's tests would.
 */
class MistakesCaughtTest {

    private static final String MISTAKES = "dev.loopscope.samples.mistakes.";

    @Test
    void sleepOnTheLoop() {
        caught(SleepOnTheLoopExample.class,
                "blocking call Thread.sleep on loop thread 'loopscope-test-loop-",
                "at " + MISTAKES + "SleepOnTheLoop.lambda$pollWrong$");
    }

    @Test
    void aBlockingFileReadInAsyncCode() {
        caught(FileReadOnTheLoopExample.class,
                "blocking call Files.readString on loop thread 'loopscope-test-loop-",
                "at " + MISTAKES + "FileReadOnTheLoop.read(FileReadOnTheLoop.java:");
    }

    @Test
    void aJdbcStyleQueryOnNettysEventLoop() {
        caught(QueryOnTheNettyLoopExample.class,
                "blocking call Socket.read (in java.io.BufferedReader.readLine) on loop thread 'multiThreadIoEventLoopGroup-",
                "at dev.loopscope.samples.db.LegacyDatabase$Connection.query(LegacyDatabase.java:");
    }

    @Test
    void aFutureNeverAwaited() {
        caught(NeverAwaitedExample.class,
                "CompletableFuture created at " + MISTAKES + "NeverAwaited.placeOrderWrong(NeverAwaited.java:",
                "is still pending, and nothing ever waited for it or looked at it");
    }

    @Test
    void anExceptionSwallowedInAStageNobodyObserves() {
        caught(SwallowedExceptionExample.class,
                "CompletableFuture created at " + MISTAKES + "SwallowedException.refreshWrong(SwallowedException.java:",
                "failed and nobody observed it: java.lang.IllegalStateException: exchange-rate service returned 503");
    }

    @Test
    void aMissingTimeoutThatWouldHang() {
        long start = System.nanoTime();
        caught(MissingTimeoutExample.class,
                "test timed out after 1000 ms",
                "CompletableFuture created at " + MISTAKES + "MissingTimeout.statusWrong(MissingTimeout.java:");
        assertThat((System.nanoTime() - start) / 1_000_000).as("the build went on").isLessThan(10_000);
    }

    @Test
    void cpuHeavyWorkOnTheLoop() {
        caught(CpuOnTheLoopExample.class,
                "stall on loop thread 'loopscope-test-loop-",
                MISTAKES + "CpuOnTheLoop.stretch(CpuOnTheLoop.java:");
    }

    @Test
    void joinOnTheLoop() {
        caught(JoinOnTheLoopExample.class,
                "blocking call LockSupport.park (in java.util.concurrent.CompletableFuture.join) on loop thread 'loopscope-test-loop-",
                "at " + MISTAKES + "JoinOnTheLoop.lambda$totalWrong$");
    }

    private static void caught(Class<?> example, String... expected) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(example)).execute().testEvents();
        assertThat(tests.started().count()).as("tests of %s", example.getSimpleName()).isEqualTo(2);
        assertThat(failures(tests, "right")).as("%s.right passes", example.getSimpleName()).isEmpty();
        assertThat(failures(tests, "wrong")).as("%s.wrong fails", example.getSimpleName()).hasSize(1);
        assertThat(failures(tests, "wrong").get(0)).contains(expected);
    }

    /** The failure messages of the test named {@code method}. */
    private static List<String> failures(Events tests, String method) {
        return tests.failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::toString).orElse("failed without a throwable"))
                .collect(Collectors.toList());
    }
}
