package dev.loopscope.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@link BlockingCallBenchmark} in one run, one fork per configuration: no agent, Loopscope with
 * everything on, Loopscope detecting only (no timeline: {@code exclude=*}), and BlockHound (with
 * the flag it needs since JDK 13). Prints nanoseconds per call (± JMH's 99.9% error) and what each tool adds. Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.loopscope.benchmarks.BlockingCallComparison [--quick] [AGENT_JAR]}.
 */
public final class BlockingCallComparison {

    private BlockingCallComparison() {
    }

    public static void main(String[] args) throws RunnerException {
        RunnerArgs parsed = RunnerArgs.parse(args);
        boolean quick = parsed.quick;
        String agent = parsed.agent;
        Map<String, String[]> configs = new LinkedHashMap<>();
        configs.put("no agent", new String[0]);
        configs.put("Loopscope", new String[] {agent});
        configs.put("Loopscope, detection only", new String[] {agent + ",exclude=*"});
        configs.put("BlockHound", new String[] {"-Dbench.blockhound=true", "-XX:+AllowRedefinitionToAddDeleteMethods"});

        Map<String, Map<String, double[]>> byConfig = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> c : configs.entrySet()) {
            byConfig.put(c.getKey(), scores(run(quick, c.getValue())));
        }
        Map<String, double[]> base = byConfig.get("no agent");
        StringBuilder header = new StringBuilder("| call (ns/op) |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String name : configs.keySet()) {
            header.append(' ').append(name).append(" |");
            rule.append("---|");
        }
        System.out.println();
        System.out.println(header);
        System.out.println(rule);
        for (String bench : base.keySet()) {
            StringBuilder row = new StringBuilder("| ").append(bench).append(" |");
            for (String name : configs.keySet()) {
                double[] v = byConfig.get(name).get(bench);
                row.append(' ').append(String.format(Locale.ROOT, "%.1f ± %.1f", v[0], v[1]));
                if (!name.equals("no agent")) {
                    row.append(String.format(Locale.ROOT, " (%+.1f)", v[0] - base.get(bench)[0]));
                }
                row.append(" |");
            }
            System.out.println(row);
        }
        System.out.println("JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; " + (quick ? "quick: 1 fork, 1 x 1 s warm-up, 3 x 1 s measured" : "1 fork, 5 x 2 s warm-up, 5 x 2 s measured")
                + " per configuration");
    }

    private static Collection<RunResult> run(boolean quick, String[] jvmArgs) throws RunnerException {
        return new Runner(new OptionsBuilder().include(BlockingCallBenchmark.class.getName())
                .forks(1)
                .warmupIterations(quick ? 1 : 5).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend(jvmArgs)
                .build()).run();
    }

    /** Score and its 99.9% error per benchmark. */
    private static Map<String, double[]> scores(Collection<RunResult> results) {
        Map<String, double[]> out = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            out.put(name.substring(name.lastIndexOf('.') + 1),
                    new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        return out;
    }
}
