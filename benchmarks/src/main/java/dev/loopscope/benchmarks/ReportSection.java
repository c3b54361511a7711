package dev.loopscope.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * Writing the reports from a recording of 100,000 and 1,000,000 tasks ({@link
 * ReportWritingBenchmark}, in forks held to the promised 1 GiB of heap), the recorder's memory per
 * task, and the first view of the 1,000,000-task HTML report in headless Chromium.
 */
final class ReportSection {

    static final String HEAP = "-Xmx1g";
    /** Shots measured per writer at most: a 1,000,000-task shot takes seconds. */
    private static final int SHOTS = 2;
    private static final String[] WRITERS = {"timeline", "summary", "trace", "html", "all"};

    private ReportSection() {
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    static int steps(RunnerArgs args) {
        return 3;
    }

    static String run(RunnerArgs args, Progress progress) throws Exception {
        int large = args.mode.reportTasks;
        int small = large / 10;
        progress.step("reports from " + small + " and " + large + " recorded tasks, " + HEAP);
        List<Map<String, RunResult>> rounds = new ArrayList<>();
        for (int round = 1; round <= args.mode.rounds; round++) {
            rounds.add(Jmh.of(args.mode, ReportWritingBenchmark.class, String.join("|", WRITERS))
                    .param("tasks", String.valueOf(small), String.valueOf(large)).jvmArgs(HEAP)
                    .profiler(PeakHeapProfiler.class)
                    // the first shot after the fill is not measured (the profiler's heap baseline needs it)
                    .configure(o -> o.warmupIterations(Math.max(1, args.mode.warmups))
                            .measurementIterations(Math.min(args.mode.iterations, SHOTS)))
                    .run());
        }
        Map<String, Score> scores = Jmh.pool(rounds);
        Map<String, Double> peaks = Jmh.maxSecondary(rounds, "peakHeapMiB");
        Map<String, Double> live = Jmh.maxSecondary(rounds, "liveHeapMiB");

        List<String> header = new ArrayList<>(List.of("tasks"));
        for (String w : WRITERS) {
            header.add(w + " (ms: mean (shots))");
        }
        header.add("heap, all: peak / live (MiB)");
        Markdown table = new Markdown(header);
        for (int tasks : new int[] {small, large}) {
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d", tasks)));
            for (String w : WRITERS) {
                row.add(scores.get(w + " (tasks=" + tasks + ")").showShots("%.0f"));
            }
            row.add(String.format(Locale.ROOT, "%.0f / %.0f", peaks.get("all (tasks=" + tasks + ")"), live.get("all (tasks=" + tasks + ")")));
            table.row(row);
        }

        progress.step("recorder memory per task");
        RecorderMemory.Result memory = RecorderMemory.measure(large);

        progress.step("first view of the " + large + "-task HTML report in headless Chromium");
        Path dir = Files.createTempDirectory("loopscope-bench-html");
        HtmlFirstView.Result view;
        try {
            view = HtmlFirstView.measure(ReportWritingBenchmark.writeHtml(large, dir), args.mode.loads);
        } finally {
            ReportWritingBenchmark.deleteTree(dir);
        }

        Score all = scores.get("all (tasks=" + large + ")");
        double peak = peaks.get("all (tasks=" + large + ")");
        double livePeak = live.get("all (tasks=" + large + ")");
        return new StringBuilder("## Reports\n\n")
                .append("`ReportWritingBenchmark`: a real `Recorder` filled through its hooks with tasks on 8 threads and 3")
                .append(" executors, then, one shot at a time: `timeline` builds the timeline from the recorder as the agent does")
                .append(" at exit; `summary`, `trace` and `html` write one report each from it; `all` is the whole exit: timeline and")
                .append(" all three files. Forks run with `").append(HEAP).append("`. Heap, measured in the fork from the")
                .append(" collector's notices (`PeakHeapProfiler`): *peak* is the most in use at any moment, garbage included;")
                .append(" *live* the most still in use just after a collection; the need lies between the two. Both include the")
                .append(" recording itself, as at JVM exit.\n\n")
                .append(table).append('\n')
                .append("Recorder memory: ").append(memory).append("\n\n")
                .append("First view in headless Chromium (1440×900), ms from navigation to the first timeline drawn, ")
                .append(args.mode.loads).append(" loads: ").append(view).append("\n\n")
                .append("| target | measured | verdict |\n|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| %,d tasks: reports written in at most 10 s | %s ms | %s |%n", large,
                        all.showShots("%.0f"), Target.atMost(max(all.values) / 1000, 10, "s")))
                .append(String.format(Locale.ROOT, "| %,d tasks: with at most 1 GiB of heap | ran in %s: peak %.0f MiB, live %.0f MiB | %s |%n", large,
                        HEAP, peak, livePeak, Target.atMost(peak, 1024, "MiB")))
                .append(String.format(Locale.ROOT, "| %,d tasks: the HTML's first view in at most 3 s | median %.0f ms | %s |%n", large,
                        view.medianFirstDrawMs(), Target.atMost(view.medianFirstDrawMs() / 1000, 3, "s")))
                .append('\n').toString();
    }
}
