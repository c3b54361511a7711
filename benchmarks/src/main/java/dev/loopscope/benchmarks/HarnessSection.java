package dev.loopscope.benchmarks;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@link HarnessPerTestBenchmark}: what a test costs plain, under the harness without the agent,
 * and under the harness with it (each test's HTML report written, as by default, or not).
 * Sampled, so that the target's median is of real runs of {@value HarnessPerTestBenchmark#TESTS} tests.
 */
final class HarnessSection {

    /**
     * A launcher running tests reaches its steady pace only after some 8 s of warm-up on 2 cores
     * (JIT of JUnit's and the harness's paths): less would measure the warm-up.
     */
    private static final int WARMUP_MILLIS = 8_000;
    private static final String REPORTS = new File(System.getProperty("java.io.tmpdir"), "loopscope-bench-tests").getAbsolutePath();

    private HarnessSection() {
    }

    /** Name, JVM arguments, suites and the reports setting of each run. */
    private static final class Run {
        final String name;
        final String[] jvmArgs;
        final String[] suites;
        final String reports;

        Run(String name, String[] jvmArgs, String reports, String... suites) {
            this.name = name;
            this.jvmArgs = jvmArgs;
            this.suites = suites;
            this.reports = reports;
        }
    }

    private static List<Run> runs(RunnerArgs args) {
        return List.of(
                new Run("no agent", new String[0], "off", "plain", "harness"),
                new Run("agent", new String[] {args.agent}, "off", "plain", "harness", "harness+loop", "harness+futures"),
                new Run("agent, reports written", new String[] {args.agent}, REPORTS, "harness"));
    }

    static int forks(RunnerArgs args) {
        return runs(args).size() * args.mode.rounds;
    }

    static String run(RunnerArgs args, Progress progress) throws RunnerException {
        Map<String, Supplier<Jmh>> configurations = new LinkedHashMap<>();
        for (Run run : runs(args)) {
            configurations.put(run.name, () -> Jmh.of(args.mode, HarnessPerTestBenchmark.class, "runTests")
                    .param("suite", run.suites).param("reports", run.reports).jvmArgs(run.jvmArgs)
                    .configure(o -> o.mode(Mode.SampleTime)
                            .warmupIterations(args.mode == RunMode.SMOKE ? 0 : WARMUP_MILLIS / args.mode.warmupMillis)));
        }
        Map<String, Map<String, Score>> scores = Jmh.inTurn(args.mode, progress, "harness per test", configurations);
        Markdown table = new Markdown(List.of("configuration", "suite", "reports", "median per test (ms)", "mean per test (ms)"));
        Map<String, Double> medians = new LinkedHashMap<>();
        scores.forEach((name, byBench) -> byBench.forEach((bench, score) -> {
            String suite = bench.replaceAll(".*suite=([^,)]*).*", "$1");
            boolean written = !bench.contains("reports=off");
            double median = perTest(score.median, score.unit);
            medians.put(name + "/" + suite, median);
            table.row(List.of(name, suite, written ? "each test's HTML" : "off", ms(median),
                    ms(perTest(score.mean, score.unit)) + " ± " + ms(perTest(score.error, score.unit))));
        }));

        double plain = medians.get("no agent/plain");
        StringBuilder out = new StringBuilder("## Harness, per test\n\n")
                .append("`HarnessPerTestBenchmark`: ").append(HarnessPerTestBenchmark.TESTS)
                .append(" trivial tests run through the JUnit Platform launcher, sampled (each sample is all of them, divided by ")
                .append(HarnessPerTestBenchmark.TESTS).append("). `plain` has no extension; `harness` is `@LoopscopeTest`;")
                .append(" `harness+loop` takes a `TestLoop`; `harness+futures` makes a three-stage `CompletableFuture`")
                .append(" chain per test (each future tracked). Warm-up: ").append(WARMUP_MILLIS / 1000).append(" s. By default the harness writes each test's HTML report (`loopscope.reports`).\n\n")
                .append(table).append('\n')
                .append("| target: at most 1 ms added per test, median, over a plain test with no agent | added per test (ms) | verdict |\n")
                .append("|---|---|---|\n");
        for (String key : List.of("agent, reports written/harness", "agent/harness", "agent/harness+loop", "agent/harness+futures")) {
            Double m = medians.get(key);
            if (m != null) {
                double added = m - plain;
                out.append("| ").append(key.replace("/", ": ")).append(" | ").append(ms(added)).append(" | ")
                        .append(Target.atMost(added, 1.0, "ms")).append(" |\n");
            }
        }
        return out.append('\n').toString();
    }

    private static double perTest(double value, String unit) {
        double ms = unit.startsWith("ms") ? value : unit.startsWith("us") ? value / 1000 : unit.startsWith("s") ? value * 1000 : value / 1e6;
        return ms / HarnessPerTestBenchmark.TESTS;
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
