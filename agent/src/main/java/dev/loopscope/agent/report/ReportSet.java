package dev.loopscope.agent.report;

import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.internal.FaultInjection;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the three report files of a timeline into one directory. All three are written to
 * temporary names first and moved into place only once every one is complete: a reader never
 * sees half a report, and a failure part-way leaves none of this run's files behind (not a
 * summary without its trace).
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
        return write(t, detection, dir, false);
    }

    /**
     * Writes the reports and returns the text summary; {@code heapRanOut}: the recorder stopped
     * taking memory because the heap ran out, so that, not the buffer, is why events were dropped.
     */
    public static String write(Timeline t, Detection detection, Path dir, boolean heapRanOut) throws IOException {
        Files.createDirectories(dir);
        List<ExecutorStats> stats = ExecutorStats.of(t);
        Map<Path, Path> written = new LinkedHashMap<>(); // temporary file -> the report it becomes
        try {
            writeTemporary(written, dir.resolve(SUMMARY), w -> SummaryWriter.write(t, stats, detection, w));
            if (FaultInjection.WRITER) {
                throw FaultInjection.injected("writer");
            }
            writeTemporary(written, dir.resolve(TRACE), w -> TraceWriter.write(t, detection, w));
            writeTemporary(written, dir.resolve(HTML), w -> HtmlWriter.write(t, stats, detection, w));
            for (Map.Entry<Path, Path> file : written.entrySet()) {
                Files.move(file.getKey(), file.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException | Error e) {
            for (Path tmp : written.keySet()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException notDeleted) {
                    e.addSuppressed(notDeleted); // the first failure is the one to tell
                }
            }
            throw e;
        }
        return TextSummary.of(t, stats, detection, heapRanOut);
    }

    /**
     * Why the reports could not be written to {@code dir}, in the user's terms: a file where a
     * directory is needed, no permission, a full or read-only disk; else the exception itself.
     */
    public static String whyNotWritten(Path dir, Exception thrown) {
        Exception e = thrown instanceof java.io.UncheckedIOException ? ((java.io.UncheckedIOException) thrown).getCause() : thrown;
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return (p.equals(dir.toAbsolutePath()) ? "it" : p.toString()) + " is a file, not a directory";
            }
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + ((java.nio.file.AccessDeniedException) e).getFile();
        }
        if (e instanceof java.nio.file.FileSystemException) {
            java.nio.file.FileSystemException f = (java.nio.file.FileSystemException) e;
            return f.getReason() != null ? f.getReason() + ": " + f.getFile() : "cannot create " + f.getFile();
        }
        return e.toString();
    }

    private interface Body {
        void writeTo(Writer w) throws IOException;
    }

    /** Writes {@code target}'s content to a temporary file beside it, and adds that file to {@code written}. */
    private static void writeTemporary(Map<Path, Path> written, Path target, Body body) throws IOException {
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
        written.put(tmp, target);
    }
}
