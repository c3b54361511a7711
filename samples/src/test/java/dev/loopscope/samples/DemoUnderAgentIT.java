package dev.loopscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command, as a user runs it: the samples jar under the agent in a JVM of its
 * own. The report it names must hold the demo's mistakes, and render in headless Chromium; the
 * screenshot taken here ({@code samples/target/screenshots/demo-report.png}) is the README's.
 */
class DemoUnderAgentIT {

    private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");
    private static final String MISTAKES = "dev.loopscope.samples.mistakes.";

    @Test
    void theDemoRunsUnderTheAgentAndItsReportShowsEachMistake() throws Exception {
        Path out = TARGET.resolve("demo-report");
        deleteRecursively(out);
        Path agent = TARGET.resolve("../../agent/target/loopscope-agent.jar").normalize();
        Run demo = run(TARGET, 120, javaBin(), "-javaagent:" + agent + "=out=" + out,
                "-jar", TARGET.resolve("loopscope-samples.jar").toString());

        assertThat(demo.exit).as(demo.output).isZero();
        assertThat(demo.output).contains("[6/6]", "demo done",
                "[loopscope] report: " + out.resolve("loopscope-report.html"));
        String summary = Files.readString(out.resolve("loopscope-summary.json"));
        assertThat(summary).contains(
                "\"callSite\":\"dev.loopscope.samples.db.LegacyDatabase$Connection.query(LegacyDatabase.java:",
                "\"callSite\":\"" + MISTAKES + "SleepOnTheLoop.lambda$pollWrong$",
                "\"callSite\":\"" + MISTAKES + "JoinOnTheLoop.lambda$totalWrong$",
                MISTAKES + "CpuOnTheLoop.stretch(CpuOnTheLoop.java:",
                "\"name\":\"crawler\"", "\"name\":\"api-server\"", "\"name\":\"jobs\"");

        Path html = out.resolve("loopscope-report.html");
        Path profile = Files.createTempDirectory("loopscope-chromium-");
        try {
            Run dom = run(TARGET, 120, chromium(profile, "--virtual-time-budget=10000", "--dump-dom", html.toUri().toString()));
            assertThat(dom.exit).as(dom.output).isZero();
            assertThat(dom.output).contains("ui-loop", "LegacyDatabase$Connection.query", "CpuOnTheLoop.stretch");

            Path screenshot = TARGET.resolve("screenshots/demo-report.png");
            Files.createDirectories(screenshot.getParent());
            Files.deleteIfExists(screenshot);
            Run shot = run(TARGET, 120, chromium(profile, "--window-size=1400,900", "--hide-scrollbars",
                    "--virtual-time-budget=10000", "--screenshot=" + screenshot, html.toUri().toString()));
            assertThat(shot.exit).as(shot.output).isZero();
            assertThat(Files.size(screenshot)).as("a real picture, not a blank page").isGreaterThan(40_000);
        } finally {
            deleteRecursively(profile);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Debian's chromium, headless, with the flags every report check here uses and a fresh profile. */
    private static String[] chromium(Path profile, String... args) {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        return command.toArray(new String[0]);
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path dir, int seconds, String... command) throws Exception {
        Path log = Files.createTempFile("loopscope-run-", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + seconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
