package dev.loopscope.agent.report;

import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.timeline.ExecutorStats;
import dev.loopscope.agent.timeline.Timeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code loopscope-report.html}: the viewer page ({@code report.html}, a resource with no
 * external references) with the timeline embedded as JSON where the template says {@value
 * #PLACEHOLDER}. The JSON escapes {@code <}, so the data cannot close its script element.
 */
public final class HtmlWriter {

    static final String PLACEHOLDER = "/*LOOPSCOPE_DATA*/";
    private static final String TEMPLATE = "report.html";

    private HtmlWriter() {
    }

    public static void write(Timeline t, List<ExecutorStats> stats, Detection detection, Writer out) throws IOException {
        String template = template();
        int at = template.indexOf(PLACEHOLDER);
        if (at < 0) {
            throw new IllegalStateException("report template has no " + PLACEHOLDER);
        }
        out.write(template, 0, at);
        ReportDataWriter.write(t, stats, detection, out);
        out.write(template, at + PLACEHOLDER.length(), template.length() - at - PLACEHOLDER.length());
    }

    /** Read once: the harness writes a report per test. */
    private static volatile String template;

    private static String template() throws IOException {
        String t = template;
        if (t == null) {
            t = readTemplate();
            template = t;
        }
        return t;
    }

    private static String readTemplate() throws IOException {
        try (InputStream in = HtmlWriter.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IOException("report template " + TEMPLATE + " is missing from the agent jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
