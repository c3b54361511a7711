package dev.loopscope.benchmarks;

import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.report.HtmlWriter;
import dev.loopscope.agent.report.ReportSet;
import dev.loopscope.agent.report.SummaryWriter;
import dev.loopscope.agent.report.TraceWriter;
import dev.loopscope.agent.timeline.ExecutorStats;
import dev.loopscope.agent.timeline.Timeline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Writing the reports of a recording of {@code tasks} tasks (see {@link RecordedTasks}), as the
 * agent does at JVM exit. Each shot is one whole write into a temporary directory:
 * {@code timeline} builds the timeline from the recorder; {@code summary}, {@code trace} and
 * {@code html} write one report each from a timeline built beforehand (with the executor
 * statistics that report needs, as if it were the only one); {@code all} is everything the agent
 * does at exit. The recorder stays in memory throughout, as it does at exit, so a fork's heap
 * holds what the agent's would. Forks get the target's 1 GiB heap unless {@code -jvmArgs} says
 * otherwise; use {@link PeakHeapProfiler} for the heap, with at least one warmup iteration (the
 * first iteration also runs the setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = "-Xmx1g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ReportWritingBenchmark {

    /** The benchmarks that write from a timeline built in setup; the others build their own. */
    private static final Set<String> FROM_TIMELINE = Set.of("summary", "trace", "html");

    @Param({"100000", "1000000"})
    public int tasks;

    private RecordedTasks recorded;
    /** Built in setup only for the benchmarks that take it, so that the others do not hold two. */
    private Timeline timeline;
    private Path dir;

    @Setup(Level.Trial)
    public void record(BenchmarkParams params) throws Exception {
        recorded = RecordedTasks.record(tasks);
        Timeline checked = recorded.checkedTimeline();
        String benchmark = params.getBenchmark();
        timeline = FROM_TIMELINE.contains(benchmark.substring(benchmark.lastIndexOf('.') + 1)) ? checked : null;
        dir = Files.createTempDirectory("loopscope-report-benchmark-");
    }

    @TearDown(Level.Trial)
    public void deleteReports() throws IOException {
        deleteTree(dir);
    }

    @Benchmark
    public Timeline timeline() {
        return recorded.timeline();
    }

    @Benchmark
    public void summary() throws IOException {
        write(dir.resolve(ReportSet.SUMMARY), w -> SummaryWriter.write(timeline, ExecutorStats.of(timeline), Detection.NONE, w));
    }

    @Benchmark
    public void trace() throws IOException {
        write(dir.resolve(ReportSet.TRACE), w -> TraceWriter.write(timeline, Detection.NONE, w));
    }

    @Benchmark
    public void html() throws IOException {
        write(dir.resolve(ReportSet.HTML), w -> HtmlWriter.write(timeline, ExecutorStats.of(timeline), Detection.NONE, w));
    }

    @Benchmark
    public String all() throws IOException {
        return ReportSet.write(recorded.timeline(), Detection.NONE, dir);
    }

    /**
     * Records {@code tasks} tasks as the benchmark does and writes only the HTML report into
     * {@code dir}; returns its path (for {@link HtmlFirstView}).
     */
    static Path writeHtml(int tasks, Path dir) throws IOException, InterruptedException {
        Timeline t = RecordedTasks.record(tasks).checkedTimeline();
        Files.createDirectories(dir);
        Path html = dir.resolve(ReportSet.HTML);
        write(html, w -> HtmlWriter.write(t, ExecutorStats.of(t), Detection.NONE, w));
        return html;
    }

    private interface Body {
        void writeTo(Writer w) throws IOException;
    }

    /** Through the same buffered UTF-8 writer as ReportSet's. */
    private static void write(Path file, Body body) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                1 << 16)) {
            body.writeTo(w);
        }
    }

    /** Deletes a directory and everything in it; nothing for null. */
    static void deleteTree(Path root) throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
