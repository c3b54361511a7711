package dev.loopscope.agent.report;

import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.timeline.ExecutorStats;
import dev.loopscope.agent.timeline.Timeline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes the three report files of a timeline into one directory. Each file is written to a
 * temporary name and moved into place, so a reader never sees half a report.
 */
public final class ReportSet {

    public static final String TRACE = "loopscope-trace.json";
    public static final String HTML = "loopscope-report.html";
    public static final String SUMMARY = "loopscope-summary.json";

    private ReportSet() {
    }

    /** Writes the reports of a timeline without detection findings and returns the text summary. */
    public static String write(Timeline t, Path dir) throws IOException {
        return write(t, Detection.NONE, dir);
    }

    /** Writes the reports and returns the text summary. */
    public static String write(Timeline t, Detection detection, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<ExecutorStats> stats = ExecutorStats.of(t);
        writeFile(dir.resolve(SUMMARY), w -> SummaryWriter.write(t, stats, detection, w));
        writeFile(dir.resolve(TRACE), w -> TraceWriter.write(t, detection, w));
        writeFile(dir.resolve(HTML), w -> HtmlWriter.write(t, stats, detection, w));
        return TextSummary.of(t, stats, detection);
    }

    private interface Body {
        void writeTo(Writer w) throws IOException;
    }

    private static void writeFile(Path target, Body body) throws IOException {
        // A temporary file of its own (forked JVMs may write to the same directory at once), made
        // like any other file so that the umask, not createTempFile's owner-only mode, applies.
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), StandardCharsets.UTF_8),
                1 << 16)) {
            body.writeTo(w);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
