package dev.loopscope.benchmarks;

import dev.loopscope.agent.report.Chromium;
import dev.loopscope.agent.report.ReportSet;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long the HTML report takes to show its timeline in headless Chromium: from navigation to
 * the first timeline drawn, as the page itself times it ({@code loopscope.timings}, from
 * {@code performance.now()}, whose zero is the navigation's start). Each load is in a browser of
 * its own, so no load finds another's page, memory or compiled script. Usage: {@code
 * HtmlFirstView [TASKS] [LOADS]} (default 1,000,000 tasks, 5 loads), which writes the report first.
 */
final class HtmlFirstView {

    private static final int WIDTH = 1440;
    private static final int HEIGHT = 900;
    private static final Duration DRAWN = Duration.ofSeconds(120);
    /** How the page's data states its task count (compact JSON, written once, before any task column). */
    private static final String TASK_COUNT = "\"tasks\":{\"count\":";

    /** Milliseconds from navigation to each step of one load. */
    record Load(double dataParsedMs, double modelBuiltMs, double firstDrawMs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "data parsed %.0f, model built %.0f, first draw %.0f ms", dataParsedMs,
                    modelBuiltMs, firstDrawMs);
        }
    }

    /** @param tasks the page's {@code loopscope.tasks}, checked against the count in the file */
    record Result(long htmlBytes, int tasks, List<Load> loads) {

        List<Double> firstDrawMs() {
            return loads.stream().map(Load::firstDrawMs).toList();
        }

        double medianFirstDrawMs() {
            List<Double> sorted = firstDrawMs().stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d tasks, HTML %,d bytes: first view in %.0f ms (median of %d loads: %s)",
                    tasks, htmlBytes, medianFirstDrawMs(), loads.size(), loads);
        }
    }

    private HtmlFirstView() {
    }

    /**
     * Loads {@code html} {@code loads} times; fails if the page shows another number of tasks than
     * the file holds, or logs an error.
     */
    static Result measure(Path html, int loads) throws Exception {
        if (loads < 1) {
            throw new IllegalArgumentException("loads must be at least 1: " + loads);
        }
        int written = taskCount(html);
        List<Load> measured = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            measured.add(load(html, written));
        }
        return new Result(Files.size(html), written, measured);
    }

    private static Load load(Path html, int written) throws Exception {
        try (Chromium chrome = Chromium.launch()) {
            chrome.open(html, WIDTH, HEIGHT);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            int shown = (int) number(chrome, "loopscope.tasks");
            if (shown != written) {
                throw new IllegalStateException("the page shows " + shown + " tasks; " + html + " holds " + written);
            }
            if (!chrome.errors().isEmpty()) {
                throw new IllegalStateException("the page logged errors: " + chrome.errors());
            }
            return new Load(number(chrome, "loopscope.timings.dataParsed"), number(chrome, "loopscope.timings.modelBuilt"),
                    number(chrome, "loopscope.timings.firstDraw"));
        }
    }

    private static double number(Chromium chrome, String expression) throws Exception {
        return ((Number) chrome.evaluate(expression)).doubleValue();
    }

    /** The task count in the page's embedded data, read as a stream: the file may be hundreds of MB. */
    static int taskCount(Path html) throws IOException {
        char[] buffer = new char[1 << 20];
        StringBuilder window = new StringBuilder();
        try (Reader in = Files.newBufferedReader(html, StandardCharsets.UTF_8)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                window.append(buffer, 0, n);
                int at = window.indexOf(TASK_COUNT);
                if (at >= 0 && digitsEnd(window, at + TASK_COUNT.length()) < window.length()) {
                    return Integer.parseInt(window.substring(at + TASK_COUNT.length(), digitsEnd(window, at + TASK_COUNT.length())));
                }
                if (at < 0) {
                    // keep only what could be the start of the marker, cut by the end of this read
                    window.delete(0, Math.max(0, window.length() - TASK_COUNT.length()));
                }
            }
        }
        throw new IllegalStateException(html + " holds no task count (" + TASK_COUNT + "): not a Loopscope report?");
    }

    private static int digitsEnd(CharSequence s, int from) {
        int i = from;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int loads = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("loopscope-first-view-");
        try {
            Path html = ReportWritingBenchmark.writeHtml(tasks, dir);
            System.out.println(measure(html, loads));
        } finally {
            Files.deleteIfExists(dir.resolve(ReportSet.HTML));
            Files.deleteIfExists(dir);
        }
    }
}
