package dev.loopscope.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The harness's cost per test: {@value #TESTS} trivial tests run through the JUnit Platform,
 * plain or under {@code @LoopscopeTest} (with a {@code TestLoop} injected, or not), with the
 * per-test HTML report on or off. The score is the time for all of them; divide by {@value
 * #TESTS} for one test. Run it with and without the agent ({@code -jvmArgs -javaagent:...}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HarnessPerTestBenchmark {

    static final int TESTS = 100;

    /**
     * plain: no extension; harness: @LoopscopeTest; harness+loop: a TestLoop injected too;
     * futures and harness+futures: each test makes a short CompletableFuture chain, which the
     * agent tracks under the harness (a stack walk per future).
     */
    @Param({"plain", "harness", "harness+loop", "futures", "harness+futures"})
    public String suite;

    @Param({"off", "target/loopscope-bench"})
    public String reports;

    private Launcher launcher;
    private LauncherDiscoveryRequest request;

    /** Trivial tests without the harness. */
    public static class Plain {
        @RepeatedTest(TESTS)
        void trivial() {
        }
    }

    /** The same tests under the harness. */
    @LoopscopeTest
    public static class WithHarness {
        @RepeatedTest(TESTS)
        void trivial() {
        }
    }

    /** The same tests taking a loop, which makes each test create and stop one. */
    @LoopscopeTest
    public static class WithLoop {
        @RepeatedTest(TESTS)
        void trivial(TestLoop loop) {
        }
    }

    /** Each test makes and joins a chain of three futures. */
    public static class PlainFutures {
        @RepeatedTest(TESTS)
        void chain() {
            FutureChain.run();
        }
    }

    /** The same chains under the harness, which checks each future at the test's end. */
    @LoopscopeTest
    public static class HarnessFutures {
        @RepeatedTest(TESTS)
        void chain() {
            FutureChain.run();
        }
    }

    static final class FutureChain {
        static void run() {
            int n = CompletableFuture.completedFuture(1).thenApply(i -> i + 1).thenCompose(i -> CompletableFuture.completedFuture(i * 2)).join();
            if (n != 4) {
                throw new AssertionError(n);
            }
        }
    }

    private static Class<?> suiteClass(String suite) {
        switch (suite) {
            case "plain": return Plain.class;
            case "harness": return WithHarness.class;
            case "harness+loop": return WithLoop.class;
            case "futures": return PlainFutures.class;
            case "harness+futures": return HarnessFutures.class;
            default: throw new IllegalArgumentException("unknown suite '" + suite + "'");
        }
    }

    @Setup
    public void setUp() {
        Class<?> type = suiteClass(suite);
        launcher = LauncherFactory.create();
        request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(type))
                .configurationParameter("loopscope.reports", reports).build();
    }

    @Benchmark
    public long runTests() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        if (listener.getSummary().getTestsSucceededCount() != TESTS) {
            throw new IllegalStateException("expected " + TESTS + " passing tests: " + listener.getSummary().getFailures());
        }
        return listener.getSummary().getTestsSucceededCount();
    }
}
