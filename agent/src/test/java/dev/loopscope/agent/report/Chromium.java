package dev.loopscope.agent.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools protocol, for tests of the HTML report: opens one
 * page, evaluates JavaScript, sends mouse input, takes screenshots and records every console
 * error and uncaught exception of the page. {@link #close} always ends the browser process.
 * Public as test support shared with the benchmarks, which take it from the agent's test-jar.
 */
public final class Chromium implements AutoCloseable {

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
            "--disable-quic");
    private static final String LISTENING = "DevTools listening on ";
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Duration LOAD = Duration.ofSeconds(120);
    private static final int STDERR_LINES = 30;

    private final Process process;
    private final Path profile;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<String> endpoint = new CompletableFuture<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private CdpConnection cdp;
    private String session;

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** Starts a fresh browser with an empty profile; fails, saying what to install, without one. */
    public static Chromium launch() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(FLAGS);
        Path profile = Files.createTempDirectory("loopscope-chromium-");
        command.add("--user-data-dir=" + profile);
        command.add("--remote-debugging-port=0");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Chromium chromium = new Chromium(process, profile);
        try {
            chromium.connect();
            return chromium;
        } catch (Exception | Error e) {
            try {
                chromium.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static Path binary() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "chromium"));
        return Stream.concat(Stream.of(Path.of("/usr/bin/chromium")), onPath).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("Chromium is needed to test the HTML report but was not "
                        + "found at /usr/bin/chromium or on the PATH: install Debian's chromium package "
                        + "(apt-get update && apt-get install -y chromium)"));
    }

    private void connect() throws Exception {
        Thread reader = new Thread(this::readStderr, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String url;
        try {
            url = CdpConnection.await(endpoint, STARTUP, "the DevTools endpoint");
        } catch (Exception e) {
            throw new IllegalStateException("Chromium did not start: " + stderr(), e);
        }
        cdp = CdpConnection.open(URI.create(url), STARTUP);
        cdp.onEvent(this::recordError);
    }

    /** Reads the browser's stderr to its end: it names the DevTools endpoint, and must never fill up. */
    private void readStderr() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                }
                if (line.startsWith(LISTENING)) {
                    endpoint.complete(line.substring(LISTENING.length()).trim());
                }
            }
        } catch (IOException e) {
            endpoint.completeExceptionally(e);
        }
        endpoint.completeExceptionally(new IllegalStateException("Chromium closed its stderr"));
    }

    private String stderr() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    /** Opens {@code file} in a new page of the given viewport size and waits for its load event. */
    public void open(Path file, int width, int height) throws Exception {
        Object target = cdp.call(null, "Target.createTarget", Map.of("url", "about:blank"), COMMAND).get("targetId");
        session = (String) cdp.call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true), COMMAND)
                .get("sessionId");
        page("Page.enable", Map.of());
        page("Runtime.enable", Map.of());
        page("Log.enable", Map.of());
        page("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        CompletableFuture<CdpConnection.Event> loaded =
                cdp.next(e -> "Page.loadEventFired".equals(e.method()) && session.equals(e.sessionId()));
        page("Page.navigate", Map.of("url", file.toUri().toString()));
        CdpConnection.await(loaded, LOAD, "the load event of " + file);
    }

    /** Evaluates {@code expression} in the page; returns its JSON value (numbers are doubles). */
    public Object evaluate(String expression) throws Exception {
        Map<String, Object> reply = page("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (reply.get("exceptionDetails") != null) {
            throw new AssertionError("`" + expression + "` threw: " + describe(reply.get("exceptionDetails")));
        }
        return ((Map<?, ?>) reply.get("result")).get("value");
    }

    /** Waits until {@code condition} is true in the page. */
    public void waitUntil(String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(evaluate("!!(" + condition + ")"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout.toSeconds() + " s: " + condition);
            }
            Thread.sleep(50);
        }
    }

    void click(double x, double y) throws Exception {
        mouse("mouseMoved", x, y);
        mouse("mousePressed", x, y);
        mouse("mouseReleased", x, y);
    }

    void hover(double x, double y) throws Exception {
        mouse("mouseMoved", x, y);
    }

    void wheel(double x, double y, double deltaY) throws Exception {
        page("Input.dispatchMouseEvent", Map.of("type", "mouseWheel", "x", x, "y", y, "deltaX", 0, "deltaY", deltaY));
    }

    private void mouse(String type, double x, double y) throws Exception {
        page("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
    }

    void screenshot(Path png) throws Exception {
        String data = (String) page("Page.captureScreenshot", Map.of("format", "png")).get("data");
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /** Console errors, failed loads and uncaught exceptions of the page so far. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    private Map<String, Object> page(String method, Map<String, Object> params) throws Exception {
        return cdp.call(session, method, params, COMMAND);
    }

    private void recordError(CdpConnection.Event e) {
        Map<String, Object> p = e.params();
        switch (e.method()) {
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + describe(p.get("exceptionDetails")));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(p.get("type")) || "assert".equals(p.get("type"))) {
                    errors.add("console." + p.get("type") + ": " + p.get("args"));
                }
            }
            case "Log.entryAdded" -> {
                Map<?, ?> entry = (Map<?, ?>) p.get("entry");
                if ("error".equals(entry.get("level"))) {
                    errors.add("log: " + entry.get("text") + " " + entry.get("url"));
                }
            }
            default -> {
            }
        }
    }

    private static String describe(Object exceptionDetails) {
        Map<?, ?> details = (Map<?, ?>) exceptionDetails;
        Map<?, ?> exception = (Map<?, ?>) details.get("exception");
        Object description = exception == null ? null : exception.get("description");
        return details.get("text") + (description == null ? "" : " " + description);
    }

    @Override
    public void close() throws IOException {
        List<ProcessHandle> processes = new ArrayList<>(process.descendants().toList());
        processes.add(process.toHandle());
        if (cdp != null) {
            try {
                cdp.call(null, "Browser.close", Map.of(), Duration.ofSeconds(5));
            } catch (Exception notClosed) {
                // the processes are ended below either way
            }
            cdp.close();
        }
        for (ProcessHandle p : processes) {
            if (exited(p)) {
                continue;
            }
            p.destroyForcibly();
            exited(p);
        }
        deleteProfile();
    }

    /** Whether {@code p} ended within 5 seconds (the timeout completes the future, so join() returns). */
    private static boolean exited(ProcessHandle p) {
        return !p.onExit().completeOnTimeout(p, 5, TimeUnit.SECONDS).join().isAlive();
    }

    private void deleteProfile() throws IOException {
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
