package dev.loopscope.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs each benchmark twice, in forks without and with the agent, and prints both scores and
 * their ratio. Usage: {@code java -jar benchmarks/target/benchmarks.jar [--quick] [AGENT_JAR]}
 * (default agent jar: {@code agent/target/loopscope-agent.jar}).
 */
public final class Overhead {

    private Overhead() {
    }

    public static void main(String[] args) throws RunnerException {
        RunnerArgs parsed = RunnerArgs.parse(args);
        boolean quick = parsed.quick;
        String agent = parsed.agent;
        // Two agent configurations: a buffer big enough to keep every event of the run (the cost
        // of recording), and the default 64 MiB, which a benchmark at millions of tasks a second
        // fills within a second (after that, the cost of counting drops). All forks get the same heap.
        Map<String, Double> without = scores(run(quick, HEAP));
        Map<String, Double> recording = scores(run(quick, HEAP, agent + ",buffer=" + (quick ? "2g" : "8g")));
        Map<String, Double> full = scores(run(quick, HEAP, agent));
        System.out.println();
        System.out.println("| benchmark | no agent (tasks/s) | agent recording (tasks/s) | ratio | agent, buffer full (tasks/s) | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, Double> e : without.entrySet()) {
            double base = e.getValue();
            double rec = recording.get(e.getKey());
            double drop = full.get(e.getKey());
            System.out.println("| " + String.join(" | ", e.getKey(), fmt(base), fmt(rec), ratio(rec, base), fmt(drop),
                    ratio(drop, base)) + " |");
        }
        System.out.println("JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    }

    private static final String HEAP = "-Xmx12g";

    private static String ratio(double value, double base) {
        return String.format(Locale.ROOT, "%.3f", value / base);
    }

    private static Collection<RunResult> run(boolean quick, String... jvmArgs) throws RunnerException {
        ChainedOptionsBuilder b = new OptionsBuilder().include(ExecutorHandoffBenchmark.class.getName())
                .forks(quick ? 1 : 3)
                .warmupIterations(quick ? 1 : 5).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 1 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2));
        b.jvmArgsAppend(jvmArgs);
        return new Runner(b.build()).run();
    }

    /** Score per benchmark and parameters, e.g. "threadPoolExecutor (work=0)". */
    private static Map<String, Double> scores(Collection<RunResult> results) {
        Map<String, Double> out = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            StringBuilder params = new StringBuilder();
            for (String key : r.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? " (" : ", ").append(key).append('=').append(r.getParams().getParam(key));
            }
            out.put(name + params + (params.length() > 0 ? ")" : ""), r.getPrimaryResult().getScore());
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
