package dev.loopscope.agent.report;

import static dev.loopscope.agent.it.workloads.HostileNames.BLOCKING_LOOP;
import static dev.loopscope.agent.it.workloads.HostileNames.CLASS_MESSAGE;
import static dev.loopscope.agent.it.workloads.HostileNames.DERIVED_EXECUTOR;
import static dev.loopscope.agent.it.workloads.HostileNames.EXCEPTION_CLASS;
import static dev.loopscope.agent.it.workloads.HostileNames.HOSTILE;
import static dev.loopscope.agent.it.workloads.HostileNames.MESSAGE;
import static dev.loopscope.agent.it.workloads.HostileNames.NAMED_EXECUTOR;
import static dev.loopscope.agent.it.workloads.HostileNames.STALL_LOOP;
import static dev.loopscope.agent.it.workloads.HostileNames.TASK_CLASS;
import static dev.loopscope.agent.it.workloads.HostileNames.THREAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.AgentJvm;
import dev.loopscope.agent.it.JvmProcess;
import dev.loopscope.agent.it.MiniJson;
import dev.loopscope.agent.it.workloads.HostileNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real run whose thread names, executor names, task and exception class names and exception
 * messages are hostile ({@link HostileNames}): the JSON reports parse as strict JSON and give
 * every string back as written (a lone surrogate as its escape, in every writer), and the HTML
 * report, in one load in Chromium, runs none of it and shows each as text where it belongs.
 */
@Tag("chromium")
class HostileStringsIT {

    private static final Duration DRAWN = Duration.ofSeconds(120);
    private static final String FAILED_MESSAGE = "java.lang.IllegalStateException: " + MESSAGE;
    private static final String FAILED_CLASS = EXCEPTION_CLASS + ": " + CLASS_MESSAGE;
    /** Cut at 500 characters, but not between the halves of the surrogate pair there. */
    private static final String FAILED_LONG = "java.lang.IllegalArgumentException: " + "a".repeat(499) + "…";

    @Test
    void hostileStringsComeBackAsWrittenAndNeverRun() throws Exception {
        AgentJvm.Result r = AgentJvm.of(HostileNames.class).options("stall=100ms").run("hostile-strings");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdout).isEqualTo("workload done\n");

        jsonReportsGiveTheStringsBack(r.reports, THREAD, HOSTILE + "-thread-1", true);
        htmlReportShowsThemAsText(r.reports.resolve(ReportSet.HTML), List.of(
                List.of("lanes", THREAD), List.of("lanes", BLOCKING_LOOP), List.of("lanes", STALL_LOOP),
                List.of("lanes", HOSTILE + "-thread-1"),
                List.of("executors", NAMED_EXECUTOR), List.of("executors", DERIVED_EXECUTOR), List.of("executors", STALL_LOOP),
                List.of("legend", NAMED_EXECUTOR), List.of("legend", DERIVED_EXECUTOR),
                List.of("taskDetails", TASK_CLASS), List.of("taskDetails", THREAD), List.of("taskDetails", NAMED_EXECUTOR),
                List.of("taskDetails", FAILED_MESSAGE), List.of("taskDetails", FAILED_CLASS),
                List.of("taskDetails", FAILED_LONG),
                List.of("stallList", STALL_LOOP), List.of("blockingDetails", BLOCKING_LOOP),
                List.of("stallDetails", STALL_LOOP)), true, "report-hostile.png");
    }

    /**
     * The same run recorded by JFR, turned into reports by the CLI: every string comes back as
     * the recording holds it. The event fields (executor names, task and exception class names,
     * messages) hold them as written; the JVM writes thread names into a recording with each
     * surrogate as U+FFFD, so thread names and the executor name derived from them are compared
     * with what the recording gives back. A recording carries no findings.
     */
    @Test
    void hostileStringsThroughAJfrRecordingAndTheCli() throws Exception {
        Path dir = AgentJvm.workDir("hostile-strings-jfr");
        Path jfr = dir.resolve("recording.jfr");
        AgentJvm.Result r = AgentJvm.of(HostileNames.class).jvmArg("-XX:StartFlightRecording:filename=" + jfr)
                .run("hostile-strings-jfr/agent");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JvmProcess.Result cli = JvmProcess.cli(dir, "report", jfr.toString(), "-o", "from-jfr");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        Path reports = dir.resolve("from-jfr");

        Set<String> recordedThreads = new TreeSet<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().startsWith("loopscope.") && e.getThread() != null) {
                recordedThreads.add(e.getThread().getJavaName());
            }
        }
        String thread = asRecorded(recordedThreads, THREAD);
        String derivedThread = asRecorded(recordedThreads, HOSTILE + "-thread-1");
        String derivedExecutor = derivedThread.substring(0, derivedThread.length() - "-thread-1".length());

        jsonReportsGiveTheStringsBack(reports, thread, derivedThread, false);
        htmlReportShowsThemAsText(reports.resolve(ReportSet.HTML), List.of(
                List.of("lanes", thread), List.of("lanes", derivedThread),
                List.of("executors", NAMED_EXECUTOR), List.of("executors", derivedExecutor),
                List.of("legend", NAMED_EXECUTOR), List.of("legend", derivedExecutor),
                List.of("taskDetails", TASK_CLASS), List.of("taskDetails", thread), List.of("taskDetails", NAMED_EXECUTOR),
                List.of("taskDetails", FAILED_MESSAGE), List.of("taskDetails", FAILED_CLASS),
                List.of("taskDetails", FAILED_LONG)), false, "report-hostile-jfr.png");
    }

    /**
     * The recording's copy of the thread name {@code written}: the same text, but each surrogate
     * (lone or paired) as U+FFFD, as the JVM writes thread names into a recording (JDK 17 and 25).
     */
    private static String asRecorded(Set<String> recordedThreads, String written) {
        for (String name : recordedThreads) {
            if (name.length() == written.length() && IntStream.range(0, name.length()).allMatch(i -> name.charAt(i) == written.charAt(i)
                    || name.charAt(i) == '\uFFFD' && Character.isSurrogate(written.charAt(i)))) {
                return name;
            }
        }
        throw new AssertionError("no thread named " + written + " in the recording, only " + recordedThreads);
    }

    /**
     * The JSON reports parse strictly and give each string back; {@code thread} and {@code
     * derivedThread} are the two hostile thread names as the source holds them. {@code
     * fromTheAgent}: the agent's own reports, which also hold the findings and have every string
     * as written (a recording has no findings, and its thread names hold U+FFFD).
     */
    @SuppressWarnings("unchecked")
    private static void jsonReportsGiveTheStringsBack(Path reports, String thread, String derivedThread, boolean fromTheAgent)
            throws Exception {
        // Files.readString decodes strictly: a byte that is not UTF-8 fails here, before the parser.
        String summaryText = Files.readString(reports.resolve(ReportSet.SUMMARY));
        String traceText = Files.readString(reports.resolve(ReportSet.TRACE));
        String htmlText = Files.readString(reports.resolve(ReportSet.HTML));
        Map<String, Object> summary = (Map<String, Object>) MiniJson.parse(summaryText);
        Map<String, Object> trace = (Map<String, Object>) MiniJson.parse(traceText);
        String derivedExecutor = derivedThread.substring(0, derivedThread.length() - "-thread-1".length());

        assertThat(values(summary.get("executors"), "name")).contains(NAMED_EXECUTOR, derivedExecutor);
        List<Map<String, Object>> events = (List<Map<String, Object>>) trace.get("traceEvents");
        List<Object> threadNames = events.stream().filter(e -> "thread_name".equals(e.get("name")))
                .map(e -> ((Map<?, ?>) e.get("args")).get("name")).collect(Collectors.toList());
        assertThat(threadNames).contains(thread, derivedThread);
        if (fromTheAgent) {
            assertThat(values(summary.get("blockingCalls"), "thread")).contains(BLOCKING_LOOP);
            assertThat(values(summary.get("stalls"), "thread")).contains(STALL_LOOP);
            assertThat(threadNames).contains(BLOCKING_LOOP, STALL_LOOP);
        }
        List<Map<String, Object>> slices = events.stream().filter(e -> "X".equals(e.get("ph"))).collect(Collectors.toList());
        assertThat(values(slices, "name")).contains(TASK_CLASS, thread);
        assertThat(values(slices, "cat")).contains(NAMED_EXECUTOR, derivedExecutor);
        List<Object> outcomes = slices.stream().map(e -> (Object) ((Map<?, ?>) e.get("args")).get("outcome"))
                .filter(Objects::nonNull).collect(Collectors.toList());
        assertThat(outcomes).contains(FAILED_MESSAGE, FAILED_CLASS, FAILED_LONG);

        // One rendering of what is not text, in every writer: the escape, never a replacement character.
        for (String text : List.of(summaryText, traceText, htmlText)) {
            assertThat(text).contains("\\ud800", "\\udc00\\ud800", "\uD83D\uDE00").doesNotContain("\\ud83d");
            if (fromTheAgent) {
                assertThat(text).doesNotContain("\uFFFD");
            }
        }
        // The page's only script elements are its own two: no string opened or closed one.
        assertThat(htmlText.split("</script>", -1)).hasSize(3);
        assertThat(htmlText.split("<script", -1)).hasSize(3);
        assertThat(htmlText).doesNotContain("<img", "<!-- <", "\u2028", "\u2029");
    }

    /**
     * Opens the report in Chromium and checks that each string shows where {@code expected} says
     * (a place and a text), that no hostile script ran, and takes a screenshot to look at.
     * {@code findings}: the run had a blocking call and stalls, and their details are checked too.
     */
    private static void htmlReportShowsThemAsText(Path html, List<List<String>> expected, boolean findings, String screenshot)
            throws Exception {
        try (Chromium chrome = Chromium.launch()) {
            chrome.open(html, 1440, 1000);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            // Compared in the page and answered as JSON.stringify's escapes: a lone surrogate
            // would not survive the trip back through the protocol as it is.
            Map<?, ?> answer = (Map<?, ?>) MiniJson.parse((String) chrome.evaluate("(() => {\n"
                    + "  const shown = (place) => document.querySelector(place)?.textContent ?? '';\n" // no stall list without stalls
                    + "  const detailsOf = (select, count) => Array.from({length: count}, (_, k) => {\n"
                    + "    select(k + 1); return shown('#details'); });\n"
                    + "  const f = loopscope.findings();\n"
                    + "  const places = {\n"
                    + "    lanes: loopscope.laneNames,\n"
                    + "    executors: [shown('#executors tbody')],\n"
                    + "    legend: [shown('#legend')],\n"
                    + "    stallList: [shown('#stall-list tbody')],\n"
                    + "    taskDetails: detailsOf(id => loopscope.select(id), loopscope.tasks),\n"
                    + "    blockingDetails: detailsOf(k => loopscope.selectFinding('blocking', k), f.blockingCalls),\n"
                    + "    stallDetails: detailsOf(k => loopscope.selectFinding('stall', k), f.stalls),\n"
                    + "  };\n"
                    + "  const expected = " + CdpJson.write(expected) + ";\n"
                    + "  const missing = expected.filter(([place, text]) =>\n"
                    + "    !places[place].some(t => place === 'lanes' ? t === text : t.includes(text)));\n"
                    + "  const failing = places.taskDetails.findIndex(t => t.includes(" + CdpJson.literal(FAILED_CLASS) + "));\n"
                    + "  return JSON.stringify({missing, failing: failing + 1, findings: f});\n"
                    + "})()"));
            assertThat((List<?>) answer.get("missing")).as("strings not shown where expected").isEmpty();
            if (findings) {
                assertThat(((Map<?, ?>) answer.get("findings")).get("blockingCalls")).isEqualTo(1L);
                assertThat(((Number) ((Map<?, ?>) answer.get("findings")).get("stalls")).intValue()).isPositive();
            }

            int failing = ((Number) answer.get("failing")).intValue();
            assertThat(failing).isPositive();
            chrome.evaluate("loopscope.select(" + failing + ")");
            Map<?, ?> point = (Map<?, ?>) chrome.evaluate("loopscope.pointOf(" + failing + ")");
            assertThat(point).as("the failed task is in view").isNotNull();
            chrome.hover(((Number) point.get("x")).doubleValue(), ((Number) point.get("y")).doubleValue());
            chrome.waitUntil("!document.getElementById('tooltip').hidden", DRAWN);
            assertThat(chrome.evaluate("document.getElementById('tooltip').textContent.includes("
                    + CdpJson.literal(EXCEPTION_CLASS) + ")")).isEqualTo(true);

            assertThat(chrome.evaluate("typeof window.__pwned")).as("no hostile script ran").isEqualTo("undefined");
            assertThat(chrome.evaluate("document.querySelectorAll('img, iframe, object, embed').length")).isEqualTo(0L);
            assertThat(chrome.evaluate("document.scripts.length")).isEqualTo(2L);
            assertThat(chrome.evaluate("Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)"
                    + ".some(a => a.name.startsWith('on'))).length")).as("elements with event handler attributes").isEqualTo(0L);
            chrome.hover(1, 1);
            chrome.waitUntil("document.getElementById('tooltip').hidden", DRAWN);
            chrome.screenshot(Path.of(System.getProperty("basedir", "."), "target", "screenshots", screenshot));
            assertThat(chrome.errors()).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> values(Object list, String key) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) list) {
            out.add(m.get(key));
        }
        return out;
    }
}
