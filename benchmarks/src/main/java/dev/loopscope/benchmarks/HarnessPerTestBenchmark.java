package dev.loopscope.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
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

    /** plain: no extension; harness: @LoopscopeTest; harness+loop: a TestLoop injected too. */
    @Param({"plain", "harness", "harness+loop"})
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

    @Setup
    public void setUp() {
        Class<?> type = suite.equals("plain") ? Plain.class : suite.equals("harness") ? WithHarness.class : WithLoop.class;
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
