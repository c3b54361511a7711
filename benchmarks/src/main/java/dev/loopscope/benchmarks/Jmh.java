package dev.loopscope.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * One JMH run: some benchmarks in forks of one JVM configuration, for as long as the {@link
 * RunMode} says. Several runs of the same configuration (rounds) are pooled by {@link #pool}.
 */
final class Jmh {

    private final ChainedOptionsBuilder options;

    private Jmh(RunMode mode, String include) {
        this.options = new OptionsBuilder().include(include).forks(1).verbosity(VerboseMode.SILENT)
                .warmupIterations(mode.warmups).warmupTime(TimeValue.milliseconds(Math.max(1, mode.warmupMillis)))
                .measurementIterations(mode.iterations).measurementTime(TimeValue.milliseconds(mode.iterationMillis))
                .shouldFailOnError(true);
    }

    /** The benchmarks of {@code type} whose method name matches {@code methods} (a regex). */
    static Jmh of(RunMode mode, Class<?> type, String methods) {
        return new Jmh(mode, "^" + type.getName().replace(".", "\\.") + "\\.(" + methods + ")$");
    }

    Jmh jvmArgs(String... args) {
        options.jvmArgsAppend(args);
        return this;
    }

    Jmh param(String name, String... values) {
        options.param(name, values);
        return this;
    }

    Jmh configure(java.util.function.Consumer<ChainedOptionsBuilder> more) {
        more.accept(options);
        return this;
    }

    Jmh profiler(Class<? extends InternalProfiler> profiler) {
        options.addProfiler(profiler);
        return this;
    }

    /** Runs and returns the results by benchmark name and parameters, e.g. "threadPoolExecutor (work=0)". */
    Map<String, RunResult> run() throws RunnerException {
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, RunResult> byName = new TreeMap<>();
        for (RunResult r : results) {
            byName.put(name(r), r);
        }
        return byName;
    }

    private static String name(RunResult r) {
        String name = r.getParams().getBenchmark();
        name = name.substring(name.lastIndexOf('.') + 1);
        StringBuilder params = new StringBuilder();
        for (String key : r.getParams().getParamsKeys()) {
            params.append(params.length() == 0 ? " (" : ", ").append(key).append('=').append(r.getParams().getParam(key));
        }
        return name + params + (params.length() > 0 ? ")" : "");
    }

    /**
     * Runs each configuration (a name and the run to make for it) once per round, in turn (A B C
     * A B C), so that a drift of the machine hits all alike; returns each one's rounds, pooled.
     */
    static Map<String, Map<String, Score>> inTurn(RunMode mode, Progress progress, String what,
            Map<String, java.util.function.Supplier<Jmh>> configurations) throws RunnerException {
        Map<String, List<Map<String, RunResult>>> rounds = new LinkedHashMap<>();
        for (int round = 1; round <= mode.rounds; round++) {
            for (Map.Entry<String, java.util.function.Supplier<Jmh>> c : configurations.entrySet()) {
                progress.step(what + ", " + c.getKey() + " (round " + round + " of " + mode.rounds + ")");
                rounds.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(c.getValue().get().run());
            }
        }
        Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
        rounds.forEach((config, results) -> scores.put(config, pool(results)));
        return scores;
    }

    /**
     * The primary score of each benchmark over all rounds: every measured iteration of every fork
     * weighs the same. For sampled benchmarks the median is of every sampled operation.
     */
    static Map<String, Score> pool(List<Map<String, RunResult>> rounds) {
        Map<String, List<RunResult>> byName = new LinkedHashMap<>();
        for (Map<String, RunResult> round : rounds) {
            round.forEach((name, r) -> byName.computeIfAbsent(name, k -> new ArrayList<>()).add(r));
        }
        Map<String, Score> out = new TreeMap<>();
        byName.forEach((name, runs) -> {
            List<Double> values = new ArrayList<>();
            ListStatistics medians = new ListStatistics();
            String unit = "";
            for (RunResult r : runs) {
                unit = r.getPrimaryResult().getScoreUnit();
                for (BenchmarkResult b : r.getBenchmarkResults()) {
                    for (IterationResult i : b.getIterationResults()) {
                        values.add(i.getPrimaryResult().getScore());
                    }
                }
                Statistics all = r.getPrimaryResult().getStatistics();
                medians.addValue(all.getPercentile(50));
            }
            double[] scores = values.stream().mapToDouble(Double::doubleValue).toArray();
            ListStatistics iterations = new ListStatistics(scores);
            double error = iterations.getN() > 1 ? iterations.getMeanErrorAt(0.999) : Double.NaN;
            // rounds' medians averaged: the median of a sampled benchmark, a throughput's is of its iterations
            out.put(name, new Score(iterations.getMean(), error, medians.getMean(), unit, scores));
        });
        return out;
    }

    /** A secondary result (e.g. a profiler's) of each benchmark: its largest value over all rounds. */
    static Map<String, Double> maxSecondary(List<Map<String, RunResult>> rounds, String label) {
        Map<String, Double> out = new TreeMap<>();
        for (Map<String, RunResult> round : rounds) {
            round.forEach((name, r) -> {
                Result<?> s = r.getSecondaryResults().get(label);
                if (s != null) {
                    out.merge(name, s.getScore(), Math::max);
                }
            });
        }
        return out;
    }
}
