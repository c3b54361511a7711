package dev.loopscope.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.openjdk.jmh.runner.RunnerException;

/**
 * {@link ExecutorHandoffBenchmark} with no agent, the agent recording timelines only, the agent
 * detecting only, and everything on: the cost of each, as a ratio of throughput to no agent.
 */
final class HandoffSection {

    private static final String HEAP = "-Xmx12g";
    /**
     * The common pool's parallelism is the cores less one: 1 on 2 cores, where JDK 17's
     * CompletableFuture gives up the pool and starts a thread per async stage (JDK 25 keeps the
     * pool). Two workers keep the chains on the pool on every JDK, as on any machine of 3+ cores.
     */
    private static final String COMMON_POOL = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2";
    /**
     * No reports at a fork's exit: building the timeline of the tens of millions of tasks a fork
     * records takes longer than the fork, and it is not what is measured.
     */
    private static final String NO_EXIT_REPORT = "reports=false";

    private HandoffSection() {
    }

    static Map<String, String[]> configurations(RunnerArgs args) {
        // Big enough to keep every event of a fork (at 2M tasks a second), so that the cost is of
        // recording, not of counting drops; the agent caps it at a quarter of the heap.
        String buffer = "buffer=" + (args.mode == RunMode.FULL ? "3g" : "2g");
        Map<String, String[]> c = new LinkedHashMap<>();
        c.put("no agent", new String[] {HEAP, COMMON_POOL});
        c.put("timeline only", new String[] {HEAP, COMMON_POOL, args.agent + ",blocking=off,stall=off," + buffer + "," + NO_EXIT_REPORT});
        c.put("detection only", new String[] {HEAP, COMMON_POOL, args.agent + ",timeline=false," + NO_EXIT_REPORT});
        c.put("everything on", new String[] {HEAP, COMMON_POOL, args.agent + "," + buffer + "," + NO_EXIT_REPORT});
        return c;
    }

    static int forks(RunnerArgs args) {
        return (configurations(args).size() + (longerWork(args.mode).length > 0 ? SIZE_CONFIGS.size() : 0)) * args.mode.rounds;
    }

    /** The configurations the longer ThreadPoolExecutor tasks run in. */
    private static final List<String> SIZE_CONFIGS = List.of("no agent", "timeline only");

    /**
     * Longer tasks for the ThreadPoolExecutor alone, with and without recording: recording costs
     * about the same per task whatever the task does, so these show from which task size the 5%
     * target holds. A fork per value and configuration, about 25 s in all in quick mode.
     */
    private static String[] longerWork(RunMode mode) {
        return mode == RunMode.SMOKE ? new String[0] : new String[] {"3000", "10000"};
    }

    private static String methods() {
        return "threadPoolExecutor|scheduledThreadPoolExecutor|completableFutureChain"
                + (Runtime.version().feature() >= 21 ? "|virtualThreadPerTask" : "");
    }

    /**
     * The CPU each task burns. Quick leaves out the middle value: each is a fork per benchmark and
     * configuration, and an empty task and a 2 µs one bound the cost between them.
     */
    private static String[] work(RunMode mode) {
        switch (mode) {
            case SMOKE:
                return new String[] {"0"};
            case QUICK:
                return new String[] {"0", "1000"};
            default:
                return new String[] {"0", "100", "1000"};
        }
    }

    static String run(RunnerArgs args, Progress progress) throws RunnerException {
        Map<String, String[]> configs = configurations(args);
        String methods = methods();
        String[] work = work(args.mode);
        Map<String, Supplier<Jmh>> runs = new LinkedHashMap<>();
        configs.forEach((name, jvmArgs) -> runs.put(name,
                () -> Jmh.of(args.mode, ExecutorHandoffBenchmark.class, methods).param("work", work).jvmArgs(jvmArgs)));
        Map<String, Map<String, Score>> scores = Jmh.inTurn(args.mode, progress, "executor hand-off", runs);
        Map<String, Score> base = scores.get("no agent");
        String[] longer = longerWork(args.mode);
        Map<String, Supplier<Jmh>> sizeRuns = new LinkedHashMap<>();
        if (longer.length > 0) {
            for (String name : SIZE_CONFIGS) {
                sizeRuns.put(name, () -> Jmh.of(args.mode, ExecutorHandoffBenchmark.class, "threadPoolExecutor")
                        .param("work", longer).jvmArgs(configs.get(name)));
            }
        }
        Map<String, Map<String, Score>> sizes = sizeRuns.isEmpty() ? Map.of()
                : Jmh.inTurn(args.mode, progress, "ThreadPoolExecutor, longer tasks", sizeRuns);

        List<String> header = new ArrayList<>(List.of("benchmark", "no agent (tasks/s)"));
        configs.keySet().stream().skip(1).forEach(name -> header.add(name + ": tasks/s, ratio"));
        Markdown table = new Markdown(header);
        for (Map.Entry<String, Score> b : base.entrySet()) {
            List<String> row = new ArrayList<>(List.of(b.getKey(), count(b.getValue())));
            for (String config : configs.keySet()) {
                if (!config.equals("no agent")) {
                    Score s = scores.get(config).get(b.getKey());
                    row.add(count(s) + ", **" + s.over(b.getValue()) + "**");
                }
            }
            table.row(row);
        }

        StringBuilder out = new StringBuilder();
        out.append("## Executor hand-off\n\n")
                .append("The benchmark thread hands batches of ").append(ExecutorHandoffBenchmark.BATCH)
                .append(" tasks to an executor and waits for them (`ExecutorHandoffBenchmark`): a one-thread `ThreadPoolExecutor`,")
                .append(" a one-thread `ScheduledThreadPoolExecutor` (no delay), `supplyAsync().thenApplyAsync()` chains on the common pool")
                .append(" (per chain: two tasks; the pool gets 2 workers, `").append(COMMON_POOL).append("`: with 1, as on 2 cores, JDK 17")
                .append(" would start a thread per stage instead), and a virtual thread per task (JDK 21+). `work` is the CPU each task burns")
                .append(" (JMH tokens: 0 is an empty task; 100 is about 0.3 µs; 1000 about 2 µs; 3000 about 7 µs; 10000 about 24 µs).")
                .append(" Ratios are tasks per second over")
                .append(" no agent's, with their 99.9% error interval.\n\n")
                .append("Configurations: **timeline only** `").append(tail(configs.get("timeline only")))
                .append("`; **detection only** `").append(tail(configs.get("detection only")))
                .append("`; **everything on** `").append(tail(configs.get("everything on")))
                .append("` (the defaults, with a buffer that keeps every event). All forks `").append(HEAP).append(' ').append(COMMON_POOL).append("`.\n\n")
                .append(table).append('\n');
        if (!sizes.isEmpty()) {
            Markdown sizeTable = new Markdown(List.of("benchmark", "no agent (tasks/s)", "timeline only: tasks/s, ratio"));
            sizes.get("no agent").forEach((name, none) -> {
                Score timeline = sizes.get("timeline only").get(name);
                sizeTable.row(List.of(name, count(none), count(timeline) + ", **" + timeline.over(none) + "**"));
            });
            out.append("Longer tasks on the `ThreadPoolExecutor` alone, in forks of their own: recording costs about the same per")
                    .append(" task whatever the task does, so these show from which task size the 5% target holds.\n\n")
                    .append(sizeTable).append('\n');
        }
        out.append("| target | measured | verdict |\n|---|---|---|\n");
        for (String w : work) {
            target(out, scores, base, "threadPoolExecutor (work=" + w + ")", "timeline only", 0.95, "ThreadPoolExecutor, work=" + w
                    + ": timeline recording at most 5% off");
        }
        for (String w : longer) {
            target(out, sizes, sizes.get("no agent"), "threadPoolExecutor (work=" + w + ")", "timeline only", 0.95,
                    "ThreadPoolExecutor, work=" + w + ": timeline recording at most 5% off");
        }
        for (String w : work) {
            target(out, scores, base, "completableFutureChain (work=" + w + ")", "timeline only", 0.90, "CompletableFuture chains, work="
                    + w + ": timeline recording at most 10% off");
        }
        for (Map.Entry<String, Score> b : base.entrySet()) {
            Score.Ratio r = scores.get("detection only").get(b.getKey()).over(b.getValue());
            out.append("| ").append(b.getKey()).append(", detection only: no measurable cost on code that does not block | ")
                    .append(r).append(" | ").append(Target.noMeasurableCost(r)).append(" |\n");
        }
        return out.append('\n').toString();
    }

    private static void target(StringBuilder out, Map<String, Map<String, Score>> scores, Map<String, Score> base, String bench,
            String config, double floor, String what) {
        Score s = scores.get(config).get(bench);
        if (s == null) {
            return;
        }
        Score.Ratio r = s.over(base.get(bench));
        out.append("| ").append(what).append(" | ").append(r).append(" | ").append(Target.ratioAtLeast(r, floor)).append(" |\n");
    }

    private static String tail(String[] jvmArgs) {
        String agent = jvmArgs[jvmArgs.length - 1];
        int options = agent.indexOf(",");
        return options < 0 ? "" : agent.substring(options + 1);
    }

    private static String count(Score s) {
        return String.format(Locale.ROOT, "%,.0f ± %,.0f", s.mean, s.error);
    }
}
