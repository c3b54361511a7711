package dev.loopscope.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code benchmarks/run --smoke} as the script runs it (the built jars, the runner's class path):
 * every benchmark in every configuration, one short iteration, so that they keep compiling and
 * running. Its figures mean nothing; what is checked is that each is there and is a number.
 */
class ResultsSmokeIT {

    private static final Path AGENT = Paths.get("..", "agent", "target", "loopscope-agent.jar").toAbsolutePath().normalize();
    private static final Path JAR = Paths.get("target", "benchmarks.jar").toAbsolutePath();

    @Test
    void everyBenchmarkRunsAndEverySectionIsWritten() throws Exception {
        Path out = Paths.get("target", "RESULTS-smoke.md").toAbsolutePath();
        Files.deleteIfExists(out);
        Result r = results("--smoke", "--out", out.toString(), AGENT.toString());
        assertThat(r.exitCode).as(r.output).isZero();
        String md = Files.readString(out);
        assertThat(md).doesNotContain("**Failed**").contains("| mode | smoke", "| JDK | ",
                "## Executor hand-off", "## Blocking-call detection where blocking is allowed", "## Reports", "## Harness, per test");
        List<String> handoff = new ArrayList<>(List.of("threadPoolExecutor (work=0)", "scheduledThreadPoolExecutor (work=0)",
                "completableFutureChain (work=0)"));
        if (Runtime.version().feature() >= 21) {
            handoff.add("virtualThreadPerTask (work=0)");
        }
        for (String bench : handoff) {
            // no agent's throughput, then three configurations, each with a ratio
            assertThat(row(md, bench)).as(bench).matches("\\| " + Pattern.quote(bench)
                    + " \\| [\\d,]+ ± [\\d,]+ (\\| [\\d,]+ ± [\\d,]+, \\*\\*\\d+\\.\\d\\d \\([-\\d.]+–[\\d.]+\\)\\*\\* ){3}\\|");
        }
        for (String call : List.of("sleepZero", "parkWithPermit", "fileChannelRead", "randomAccessFileRead", "nonBlocking")) {
            assertThat(row(md, call)).as(call).matches("\\| " + call + "( \\| [\\d.]+ ± [\\d.]+){4} \\|");
        }
        // five writers' times, then the peak and live heap
        assertThat(row(md, "10,000")).matches("\\| 10,000( \\| \\d+ \\(\\d+\\)){5} \\| \\d+ / \\d+ \\|");
        assertThat(row(md, "1,000")).matches("\\| 1,000( \\| \\d+ \\(\\d+\\)){5} \\| \\d+ / \\d+ \\|");
        assertThat(md).containsPattern("Recorder memory: \\d").containsPattern("First view in headless Chromium.*: \\d");
        for (String suite : List.of("| no agent | plain |", "| agent | harness |", "| agent, reports written | harness |")) {
            assertThat(md).contains(suite);
        }
        assertThat(md).containsPattern("\\| [^|]+ \\| -?\\d+\\.\\d{3} \\| (met|\\*\\*missed)");
    }

    @Test
    void aBadArgumentIsNamedWithWhatIsValid() throws Exception {
        Result r = results("--fast");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.output).contains("unknown option '--fast'", "--smoke, --quick (the default), --full or --out FILE");
        Result noJar = results("--smoke", "no/such/agent.jar");
        assertThat(noJar.exitCode).isEqualTo(2);
        assertThat(noJar.output).contains("no agent jar at ", "no/such/agent.jar");
    }

    private static String row(String md, String firstCell) {
        Matcher m = Pattern.compile("^\\| " + Pattern.quote(firstCell) + " \\|.*$", Pattern.MULTILINE).matcher(md);
        assertThat(m.find()).as("a row for %s in%n%s", firstCell, md).isTrue();
        return m.group();
    }

    private static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    private static Result results(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR + File.pathSeparator + AGENT, Results.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("loopscope-bench-smoke", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("the smoke run took more than 10 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        System.out.println(output);
        return new Result(p.exitValue(), output);
    }
}
