package dev.loopscope.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.AgentJvm;
import dev.loopscope.agent.it.workloads.PoolFanOut;
import dev.loopscope.agent.recorder.Failure;
import dev.loopscope.agent.timeline.ExecutorStats;
import dev.loopscope.agent.timeline.TaskFilter;
import dev.loopscope.agent.timeline.Timeline;
import dev.loopscope.agent.timeline.TimelineBuilder;
import dev.loopscope.agent.it.workloads.LoopMistakesForReport;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real headless Chromium: timelines built from synthetic raw events (no
 * agent), written as the agent writes them, and reports of real agent runs with findings, then
 * loaded, clicked and inspected in the page.
 */
@Tag("chromium")
class HtmlReportChromiumIT {

    private static final long ORIGIN = 5_000_000_000L;
    private static final Duration DRAWN = Duration.ofSeconds(120);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    private static final String SLEEP_SITE = LoopMistakesForReport.class.getName() + ".sleep(LoopMistakesForReport.java:";
    private static final String HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">"
            + " it's \"quoted\"\nsecond line \uD800 end";

    @TempDir
    Path dir;

    private static long at(double millis) {
        return ORIGIN + (long) (millis * 1_000_000);
    }

    @Test
    void smallTimelineRendersAndShowsTaskDetails() throws Exception {
        TimelineBuilder b = new TimelineBuilder(ORIGIN, TaskFilter.ALL);
        b.thread(1, 1, "main", false);
        b.thread(2, 21, "pool-1-thread-1", false);
        b.thread(3, 22, "pool-1-thread-2", false);
        b.thread(4, 23, "ticker-1", true);
        b.executor(100, "java.util.concurrent.ThreadPoolExecutor", 0x1a2b, null);
        b.executor(101, "java.util.concurrent.ScheduledThreadPoolExecutor", 0x3c4d, "ticker");
        b.submit(1, 1, 11, at(1), 0, 100, "com.example.Fetch", 0, false);
        b.run(1001, 2, 11, false, at(2), at(12), null);
        b.submit(2, 1, 12, at(1.5), 0, 101, "com.example.Tick", at(20), false);
        b.run(1002, 4, 12, false, at(21.5), at(22), null);
        b.submit(3, 1, 13, at(3), 0, 100, "com.example.Overflow", 0, true);
        b.submit(4, 2, 14, at(5), 1001, 100, "com.example.Parse", 0, false);
        b.run(1004, 3, 14, false, at(6), at(9), new Failure("java.lang.IllegalStateException", "bad input"));
        b.submit(5, 1, 15, at(13), 0, 100, "com.example.Poller", 0, false);
        b.run(1005, 2, 15, false, at(14), 0, null);
        b.submit(6, 1, 16, at(25), 0, 100, "com.example.Later", 0, false);
        Timeline t = b.build("17.0.15+6", 1_700_000_000_000L, at(30), false, "unit test");
        Path html = writeReport(t);

        try (Chromium chrome = Chromium.launch()) {
            chrome.open(html, 1440, 900);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            assertThat(number(chrome, "loopscope.tasks")).isEqualTo(t.size());
            assertThat(number(chrome, "loopscope.lanes")).isEqualTo(t.threads().size());
            assertThat(number(chrome, "loopscope.runsOnLanes"))
                    .isEqualTo(IntStream.range(0, t.size()).filter(t::hasStarted).count());
            assertThat(number(chrome, "loopscope.executorRows")).isEqualTo(ExecutorStats.of(t).size());
            assertThat(chrome.evaluate("document.getElementById('partial').hidden")).isEqualTo(true);
            assertThat(chrome.evaluate("document.getElementById('findings').hidden")).as("no detection ran").isEqualTo(true);
            assertThat(chrome.evaluate("document.getElementById('verdict').hidden")).isEqualTo(true);
            assertThat(number(chrome, "loopscope.findings().blockingCalls + loopscope.findings().stalls")).isZero();
            assertThat(text(chrome, "#facts")).contains("17.0.15+6", "Tasks6", "Threads4", "Dropped events0");
            String table = text(chrome, "#executors tbody");
            t.executors().forEach(e -> assertThat(table).contains(e.name, e.className));

            int parse = task(t, "com.example.Parse");
            int fetch = task(t, "com.example.Fetch");
            clickTask(chrome, parse);
            assertThat(text(chrome, "#details")).contains("com.example.Parse", "#" + (parse + 1), "pool-1-thread-2",
                    "#" + (fetch + 1) + " com.example.Fetch", "Run time3.00 ms", "Queue wait1.00 ms",
                    "java.lang.IllegalStateException: bad input");

            Map<?, ?> fetchAt = (Map<?, ?>) chrome.evaluate("loopscope.pointOf(" + (fetch + 1) + ")");
            chrome.hover(((Number) fetchAt.get("x")).doubleValue(), ((Number) fetchAt.get("y")).doubleValue());
            chrome.waitUntil("!document.getElementById('tooltip').hidden", DRAWN);
            assertThat(text(chrome, "#tooltip")).contains("com.example.Fetch", "completed normally");

            chrome.evaluate("document.getElementById('parent-link').click()");
            assertThat(number(chrome, "loopscope.selected")).isEqualTo(fetch + 1);
            assertThat(text(chrome, "#details")).contains("com.example.Fetch", "Run time10.0 ms", "completed normally");

            int tick = task(t, "com.example.Tick");
            chrome.evaluate("location.hash = '#task=" + (tick + 1) + "'");
            chrome.waitUntil("loopscope.selected === " + (tick + 1), DRAWN);
            assertThat(text(chrome, "#details")).contains("ticker-1", "Planned start20.000 ms", "Drift1.50 ms late");

            assertThat(detailsOf(chrome, task(t, "com.example.Overflow"))).contains("rejected by the executor");
            assertThat(detailsOf(chrome, task(t, "com.example.Later"))).contains("Outcomenot started");
            assertThat(detailsOf(chrome, task(t, "com.example.Poller"))).contains("still running");

            clickTask(chrome, parse);
            chrome.screenshot(SCREENSHOTS.resolve("report-small.png"));
            assertThat(chrome.errors()).isEmpty();
        }
    }

    @Test
    void applicationStringsAreShownAsTextNeverAsMarkup() throws Exception {
        TimelineBuilder b = new TimelineBuilder(ORIGIN, TaskFilter.ALL);
        b.thread(1, 1, "main " + HOSTILE, false);
        b.thread(2, 2, HOSTILE, false);
        b.executor(100, "com.example.Pool" + HOSTILE, 7, HOSTILE);
        b.submit(1, 1, 11, at(1), 0, 100, "com.example.Task" + HOSTILE, 0, false);
        b.run(1001, 2, 11, false, at(2), at(5), new Failure("com.example.Boom" + HOSTILE, HOSTILE));
        Timeline t = b.build(HOSTILE, 1_700_000_000_000L, at(10), true, HOSTILE);
        Path html = writeReport(t);

        try (Chromium chrome = Chromium.launch()) {
            chrome.open(html, 1440, 900);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            Map<?, ?> point = (Map<?, ?>) chrome.evaluate("loopscope.pointOf(1)");
            chrome.hover(((Number) point.get("x")).doubleValue(), ((Number) point.get("y")).doubleValue());
            chrome.waitUntil("!document.getElementById('tooltip').hidden", DRAWN);
            clickTask(chrome, 0);

            assertThat(chrome.evaluate("typeof window.__pwned")).isEqualTo("undefined");
            assertThat(number(chrome, "document.querySelectorAll('img').length")).isZero();
            assertThat(number(chrome, "document.scripts.length")).isEqualTo(2);
            assertThat(chrome.evaluate("document.getElementById('partial').hidden")).isEqualTo(false);
            assertShows(chrome, "#facts", HOSTILE);
            assertShows(chrome, "#executors tbody", t.executors().get(0).name);
            assertShows(chrome, "#executors tbody", t.executors().get(0).className);
            assertShows(chrome, "#legend", t.executors().get(0).name);
            assertShows(chrome, "#details", t.name(0));
            assertShows(chrome, "#details", HOSTILE);
            assertShows(chrome, "#details", "com.example.Boom" + HOSTILE + ": " + HOSTILE);
            assertShows(chrome, "#tooltip", t.name(0));
            assertThat(chrome.errors()).isEmpty();
        }
    }

    @Test
    void emptyRecordingShowsAnEmptyReport() throws Exception {
        Timeline t = new TimelineBuilder(ORIGIN, TaskFilter.ALL).build("17.0.15+6", 0, 0, false, "empty");
        Path html = writeReport(t);

        try (Chromium chrome = Chromium.launch()) {
            chrome.open(html, 1440, 900);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            assertThat(number(chrome, "loopscope.tasks")).isZero();
            assertThat(number(chrome, "loopscope.lanes")).isZero();
            assertThat(number(chrome, "loopscope.executorRows")).isZero();
            assertThat(chrome.evaluate("loopscope.pointOf(1)")).isNull();
            Map<?, ?> middle = (Map<?, ?>) chrome.evaluate("(() => { const r = document.getElementById('timeline')"
                    + ".getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
            chrome.click(((Number) middle.get("x")).doubleValue(), ((Number) middle.get("y")).doubleValue());
            chrome.wheel(((Number) middle.get("x")).doubleValue(), ((Number) middle.get("y")).doubleValue(), -500);
            chrome.evaluate("document.getElementById('fit').click()");
            chrome.waitUntil("loopscope.frames >= 2", DRAWN);
            assertThat(number(chrome, "loopscope.selected")).isZero();
            assertThat(chrome.errors()).isEmpty();
        }
    }

    @Test
    void aMillionTasksLoadQuickly() throws Exception {
        Timeline t = millionTasks();
        // The HTML alone: the other reports of a million tasks are large and not under test here.
        Path html = dir.resolve(ReportSet.HTML);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(html), StandardCharsets.UTF_8),
                1 << 16)) {
            HtmlWriter.write(t, ExecutorStats.of(t), dev.loopscope.agent.detect.Detection.NONE, w);
        }

        try (Chromium chrome = Chromium.launch()) {
            chrome.open(html, 1440, 900);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            double firstView = number(chrome, "loopscope.timings.firstDraw");
            System.out.printf("1M tasks: HTML %.1f MB; data parsed at %.0f ms, model built at %.0f ms, "
                    + "first view at %.0f ms; frame %s%n", Files.size(html) / 1e6,
                    number(chrome, "loopscope.timings.dataParsed"), number(chrome, "loopscope.timings.modelBuilt"),
                    firstView, chrome.evaluate("loopscope.lastFrame"));
            assertThat(number(chrome, "loopscope.tasks")).isEqualTo(1_000_000);
            assertThat(number(chrome, "loopscope.lanes")).isEqualTo(8);
            assertThat(number(chrome, "loopscope.runsOnLanes")).isEqualTo(1_000_000);
            assertThat(number(chrome, "loopscope.executorRows")).isEqualTo(3);
            assertThat(number(chrome, "loopscope.lastFrame.summed")).as("zoomed out, runs are summed per pixel")
                    .isGreaterThan(900_000);
            assertThat(firstView).as("ms from navigation to the first timeline drawn").isLessThan(10_000);
            chrome.screenshot(SCREENSHOTS.resolve("report-1m.png"));

            Map<?, ?> middle = (Map<?, ?>) chrome.evaluate("(() => { const r = document.getElementById('timeline')"
                    + ".getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
            for (int i = 0; i < 10; i++) {
                double frames = number(chrome, "loopscope.frames");
                chrome.wheel(((Number) middle.get("x")).doubleValue(), ((Number) middle.get("y")).doubleValue(), -500);
                chrome.waitUntil("loopscope.frames > " + frames, DRAWN);
            }
            System.out.printf("1M tasks zoomed in: frame %s%n", chrome.evaluate("loopscope.lastFrame"));
            assertThat(number(chrome, "loopscope.lastFrame.bars")).as("zoomed in, runs are bars").isPositive();
            chrome.screenshot(SCREENSHOTS.resolve("report-1m-zoomed.png"));
            assertThat(chrome.errors()).isEmpty();
        }
    }

    @Test
    void findingsOfARealRunAreMarkedListedAndShownAsText() throws Exception {
        AgentJvm.Result r = AgentJvm.of(LoopMistakesForReport.class).options("stall=100ms").run("html-findings");
        assertThat(r.exitCode).as(r.toString()).isZero();

        try (Chromium chrome = Chromium.launch()) {
            chrome.open(r.reports.resolve(ReportSet.HTML), 1440, 1000);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            Map<?, ?> findings = (Map<?, ?>) chrome.evaluate("loopscope.findings()");
            assertThat(count(findings, "blockingMarkers")).as("blocking calls drawn: %s", findings).isGreaterThanOrEqualTo(2);
            assertThat(count(findings, "stallMarkers")).as("stalls drawn: %s", findings).isGreaterThanOrEqualTo(2);
            assertThat(count(findings, "siteRows")).isGreaterThanOrEqualTo(1);
            assertThat(count(findings, "stallRows")).isGreaterThanOrEqualTo(2);
            assertThat(text(chrome, "#blocking-sites tbody")).contains("Thread.sleep", SLEEP_SITE);
            assertThat(text(chrome, "#stall-list tbody")).contains(LoopMistakesForReport.NETTY_LOOP, "RUNNABLE",
                    LoopMistakesForReport.class.getName() + ".spin(");
            assertThat(text(chrome, "#findings-body")).doesNotContain("No blocking calls");

            List<String> calls = new ArrayList<>();
            for (int k = 1; k <= count(findings, "blockingCalls"); k++) {
                calls.add(clickFinding(chrome, "blocking", k));
            }
            assertThat(calls).allSatisfy(details -> assertThat(details).contains("Thread.sleep", SLEEP_SITE, "Stack"));
            assertThat(calls).anySatisfy(details -> assertThat(details).contains(LoopMistakesForReport.HOSTILE_LOOP));
            assertThat(calls).anySatisfy(details -> assertThat(details).contains(LoopMistakesForReport.NETTY_LOOP));
            int hostile = numberOfFirst(calls, LoopMistakesForReport.HOSTILE_LOOP);
            Map<?, ?> marker = (Map<?, ?>) chrome.evaluate("loopscope.findingPointOf('blocking', " + hostile + ")");
            chrome.hover(((Number) marker.get("x")).doubleValue(), ((Number) marker.get("y")).doubleValue());
            chrome.waitUntil("!document.getElementById('tooltip').hidden", DRAWN);
            assertThat(text(chrome, "#tooltip")).contains("Blocking call", LoopMistakesForReport.HOSTILE_LOOP, SLEEP_SITE);

            List<String> stalls = new ArrayList<>();
            for (int k = 1; k <= count(findings, "stalls"); k++) {
                stalls.add(clickFinding(chrome, "stall", k));
            }
            assertThat(stalls).anySatisfy(details -> assertThat(details).contains("Held the loop", "RUNNABLE", "CPU",
                    LoopMistakesForReport.class.getName() + ".spin("));
            chrome.evaluate("location.hash = '#stall=1'");
            chrome.waitUntil("(f => f && f.kind === 'stall' && f.n === 1)(loopscope.selectedFinding)", DRAWN);
            chrome.evaluate("document.querySelector('#blocking-sites button.link').click()");
            assertThat(chrome.evaluate("loopscope.selectedFinding.kind")).as("a call site selects its first call").isEqualTo("blocking");
            assertThat(text(chrome, "#details")).contains(SLEEP_SITE);
            assertThat(chrome.evaluate("typeof window.__pwned")).isEqualTo("undefined");
            assertThat(number(chrome, "document.querySelectorAll('img').length")).isZero();

            clickFinding(chrome, "stall", numberOfFirst(stalls, LoopMistakesForReport.class.getName() + ".spin("));
            screenshot(chrome, "report-findings-stall.png");
            clickFinding(chrome, "blocking", numberOfFirst(calls, LoopMistakesForReport.NETTY_LOOP));
            screenshot(chrome, "report-findings.png");
            assertThat(chrome.errors()).isEmpty();
        }
    }

    @Test
    void aFindingOnAThreadWithoutTasksGetsALaneAndAFailedRunABanner() throws Exception {
        AgentJvm.Result r = AgentJvm.of(LoopMistakesForReport.class)
                .options("stall=100ms,blocking=fail,allow=com.acme.Unused.never,exclude=vert.x-*").run("html-findings-fail");
        assertThat(r.exitCode).as(r.toString()).isZero();

        try (Chromium chrome = Chromium.launch()) {
            chrome.open(r.reports.resolve(ReportSet.HTML), 1440, 1000);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            double recordedThreads = number(chrome,
                    "JSON.parse(document.getElementById('loopscope-data').textContent).threads.length");
            assertThat(number(chrome, "loopscope.lanes")).as("a lane added for the excluded loop thread")
                    .isEqualTo(recordedThreads + 1);
            assertThat(text(chrome, "#facts")).contains("Threads" + (int) recordedThreads);
            assertThat(chrome.evaluate("document.getElementById('verdict').hidden")).isEqualTo(false);
            assertThat(text(chrome, "#verdict")).contains("This run failed", "blocking=fail");
            assertThat(text(chrome, "#findings")).contains("Allow entries that matched no blocking call", "com.acme.Unused.never");

            Map<?, ?> findings = (Map<?, ?>) chrome.evaluate("loopscope.findings()");
            assertThat(count(findings, "blockingMarkers")).as("blocking calls drawn: %s", findings).isEqualTo(count(findings, "blockingCalls"));
            List<String> calls = new ArrayList<>();
            for (int k = 1; k <= count(findings, "blockingCalls"); k++) {
                calls.add(clickFinding(chrome, "blocking", k));
            }
            assertThat(calls).anySatisfy(details -> assertThat(details).contains(LoopMistakesForReport.HOSTILE_LOOP, "Task—"));
            clickFinding(chrome, "blocking", numberOfFirst(calls, LoopMistakesForReport.HOSTILE_LOOP));
            screenshot(chrome, "report-findings-failed.png");
            assertThat(chrome.evaluate("typeof window.__pwned")).isEqualTo("undefined");
            assertThat(chrome.errors()).isEmpty();
        }
    }

    @Test
    void detectionWithoutFindingsSaysSo() throws Exception {
        AgentJvm.Result r = AgentJvm.of(PoolFanOut.class).run("html-no-findings");
        assertThat(r.exitCode).as(r.toString()).isZero();

        try (Chromium chrome = Chromium.launch()) {
            chrome.open(r.reports.resolve(ReportSet.HTML), 1440, 900);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            assertThat(chrome.evaluate("document.getElementById('findings').hidden")).isEqualTo(false);
            assertThat(text(chrome, "#findings")).contains("No blocking calls or stalls on loop threads", "stall threshold 100 ms");
            assertThat(chrome.evaluate("loopscope.findings()")).isEqualTo(Map.of("blockingCalls", 0L, "stalls", 0L,
                    "blockingMarkers", 0L, "stallMarkers", 0L, "siteRows", 0L, "stallRows", 0L));
            assertThat(chrome.evaluate("document.getElementById('verdict').hidden")).isEqualTo(true);
            assertThat(chrome.errors()).isEmpty();
        }
    }

    /** 125,000 back-to-back tasks on each of 8 threads of 3 executors; every 5,000th fails. */
    private static Timeline millionTasks() {
        TimelineBuilder b = new TimelineBuilder(ORIGIN, TaskFilter.ALL);
        String[] threads = {"pool-1-thread-1", "pool-1-thread-2", "pool-1-thread-3", "pool-1-thread-4",
            "io-1-thread-1", "io-1-thread-2", "ForkJoinPool.commonPool-worker-1", "ForkJoinPool.commonPool-worker-2"};
        int[] executorOfThread = {100, 100, 100, 100, 101, 101, 102, 102};
        b.executor(100, "java.util.concurrent.ThreadPoolExecutor", 1, null);
        b.executor(101, "java.util.concurrent.ThreadPoolExecutor", 2, null);
        b.executor(102, "java.util.concurrent.ForkJoinPool", 3, null);
        SplittableRandom random = new SplittableRandom(42);
        int ref = 0;
        for (int thread = 0; thread < threads.length; thread++) {
            b.thread(thread + 1, 30 + thread, threads[thread], false);
            long now = at(1);
            long previousRun = 0;
            for (int k = 0; k < 125_000; k++) {
                ref++;
                long submitted = now;
                long started = submitted + random.nextLong(1_000, 20_000);
                long ended = started + random.nextLong(2_000, 60_000);
                b.submit(ref, thread + 1, ref, submitted, k % 4 == 1 ? previousRun : 0, executorOfThread[thread],
                        "com.example.Work" + (k % 7), 0, false);
                Failure failure = ref % 5_000 == 0 ? new Failure("java.io.IOException", "timed out") : null;
                previousRun = 2_000_000L + ref;
                b.run(previousRun, thread + 1, ref, false, started, ended, failure);
                now = ended + random.nextLong(0, 5_000);
            }
        }
        return b.build("17.0.15+6", 1_700_000_000_000L, 0, false, "synthetic");
    }

    @Test
    void aReportTakenWithWorkInFlightSaysSoInItsHeader() throws Exception {
        TimelineBuilder b = new TimelineBuilder(ORIGIN, TaskFilter.ALL);
        b.thread(1, 1, "main", false);
        b.thread(2, 21, "pool-1-thread-1", false);
        b.executor(100, "java.util.concurrent.ThreadPoolExecutor", 0x1a2b, null);
        b.submit(1, 1, 11, at(1), 0, 100, "com.example.CallsExit", 0, false);
        b.run(1001, 2, 11, false, at(2), 0, null);
        b.submit(2, 1, 12, at(3), 0, 100, "com.example.Queued", 0, false);
        b.submit(3, 1, 13, at(4), 0, 100, "com.example.Queued", 0, false);
        Path html = writeReport(b.partialWhenUnfinished().build("17.0.15+6", 1_700_000_000_000L, at(10), false, "agent"));

        try (Chromium chrome = Chromium.launch()) {
            chrome.open(html, 1440, 900);
            chrome.waitUntil("window.loopscope && loopscope.timings.firstDraw > 0", DRAWN);
            assertThat(chrome.evaluate("document.getElementById('partial').hidden")).isEqualTo(false);
            assertThat(text(chrome, "#partial")).isEqualTo("partial recording: 1 running, 2 queued at the end");
        }
    }

    private Path writeReport(Timeline t) throws Exception {
        ReportSet.write(t, dir);
        return dir.resolve(ReportSet.HTML);
    }

    private static int task(Timeline t, String name) {
        return IntStream.range(0, t.size()).filter(i -> t.name(i).equals(name)).findFirst().orElseThrow();
    }

    /** Clicks where the page draws task {@code index} and waits for it to be selected. */
    private static void clickTask(Chromium chrome, int index) throws Exception {
        int id = index + 1;
        Map<?, ?> point = (Map<?, ?>) chrome.evaluate("loopscope.pointOf(" + id + ")");
        assertThat(point).as("task %d is in view", id).isNotNull();
        chrome.click(((Number) point.get("x")).doubleValue(), ((Number) point.get("y")).doubleValue());
        chrome.waitUntil("loopscope.selected === " + id, DRAWN);
    }

    /** Clicks where the page draws finding {@code n} of {@code kind}, waits for it to be selected, returns its details. */
    private static String clickFinding(Chromium chrome, String kind, int n) throws Exception {
        Map<?, ?> point = (Map<?, ?>) chrome.evaluate("loopscope.findingPointOf('" + kind + "', " + n + ")");
        assertThat(point).as("%s %d is in view", kind, n).isNotNull();
        chrome.click(((Number) point.get("x")).doubleValue(), ((Number) point.get("y")).doubleValue());
        chrome.waitUntil("(f => f && f.kind === '" + kind + "' && f.n === " + n + ")(loopscope.selectedFinding)", DRAWN);
        return text(chrome, "#details");
    }

    /** The 1-based number of the first of {@code details} that contains {@code text}. */
    private static int numberOfFirst(List<String> details, String text) {
        for (int i = 0; i < details.size(); i++) {
            if (details.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no details contain " + text + ": " + details);
    }

    /** With the pointer off the timeline first, so that no tooltip covers the details. */
    private static void screenshot(Chromium chrome, String name) throws Exception {
        chrome.hover(1, 1);
        chrome.waitUntil("document.getElementById('tooltip').hidden", DRAWN);
        chrome.screenshot(SCREENSHOTS.resolve(name));
    }

    private static int count(Map<?, ?> findings, String key) {
        return ((Number) findings.get(key)).intValue();
    }

    private static String detailsOf(Chromium chrome, int index) throws Exception {
        chrome.evaluate("loopscope.select(" + (index + 1) + ")");
        return text(chrome, "#details");
    }

    private static String text(Chromium chrome, String selector) throws Exception {
        return (String) chrome.evaluate("document.querySelector(" + CdpJson.literal(selector) + ").textContent");
    }

    private static double number(Chromium chrome, String expression) throws Exception {
        return ((Number) chrome.evaluate(expression)).doubleValue();
    }

    /** Compared inside the page: a lone surrogate would not survive the trip back as JSON. */
    private static void assertShows(Chromium chrome, String selector, String expected) throws Exception {
        Object shown = chrome.evaluate("document.querySelector(" + CdpJson.literal(selector) + ").textContent.includes("
                + CdpJson.literal(expected) + ")");
        assertThat(shown).as("%s shows %s", selector, expected).isEqualTo(true);
    }
}
