package dev.loopscope.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Runs every benchmark in every configuration and writes {@code benchmarks/RESULTS.md}: each
 * figure, its ratio to no agent, and whether each promised target is met. Usage (from the
 * repository root; {@code benchmarks/run} does this):
 * {@code java -cp benchmarks/target/benchmarks.jar:agent/target/loopscope-agent.jar
 * dev.loopscope.benchmarks.Results [--smoke|--quick|--full] [--out FILE] [AGENT_JAR]}.
 *
 * <p>A section that fails is written as failed, with the reason; the others are still run and
 * written, and the exit code is then 1.
 */
public final class Results {

    private Results() {
    }

    /** One part of the results; each runs its own forks. */
    private interface Section {
        String run(RunnerArgs args, Progress progress) throws Exception;
    }

    public static void main(String[] argv) throws IOException {
        RunnerArgs args = RunnerArgs.parse(argv);
        Progress progress = new Progress(HandoffSection.forks(args) + BlockingSection.forks(args) + ReportSection.steps(args)
                + HarnessSection.forks(args));
        System.err.println("benchmarks: " + args.mode.label() + ", results into " + args.out);
        StringBuilder body = new StringBuilder();
        boolean failed = false;
        Section[] sections = {HandoffSection::run, BlockingSection::run, ReportSection::run, HarnessSection::run};
        String[] names = {"Executor hand-off", "Blocking-call detection", "Reports", "Harness"};
        for (int i = 0; i < sections.length; i++) {
            try {
                body.append(sections[i].run(args, progress));
            } catch (Exception e) {
                failed = true;
                System.err.println("benchmarks: " + names[i] + " failed: " + e);
                e.printStackTrace();
                body.append("## ").append(names[i]).append("\n\n**Failed**: ").append(e).append("\n\n");
            }
        }
        String text = header(args, progress.elapsed()) + body;
        Files.createDirectories(args.out.getParent());
        Path tmp = args.out.resolveSibling(args.out.getFileName() + ".tmp");
        Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, args.out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("benchmarks: wrote " + args.out + " in " + progress.elapsed() + (failed ? "; some sections failed" : ""));
        System.exit(failed ? 1 : 0);
    }

    private static String header(RunnerArgs args, String elapsed) {
        String mode = args.mode.name().toLowerCase(Locale.ROOT);
        return "# Benchmark results\n\n"
                + "Written by `benchmarks/run --" + mode + "` (`dev.loopscope.benchmarks.Results`); every figure below comes from"
                + " that run, none is typed in. Run it again to check them on your machine.\n\n"
                + "| | |\n|---|---|\n"
                + "| date | " + LocalDate.now(ZoneOffset.UTC) + " |\n"
                + "| commit | " + System.getProperty("bench.commit", "unknown") + " |\n"
                + "| JDK | " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " |\n"
                + "| machine | " + Runtime.getRuntime().availableProcessors() + " cores, "
                + ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / (1 << 30)
                + " GiB, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " |\n"
                + "| mode | " + args.mode.label() + " |\n"
                + "| took | " + elapsed + " (m:ss) |\n\n"
                + "Errors are JMH's 99.9% confidence intervals; a target counts as met only when its whole interval meets it."
                + " On 2 cores the benchmark thread, the executor's thread and the JVM's own threads share the cores, so"
                + " scores move by several percent between forks: `--full` runs more forks, in turn, for tighter figures.\n\n";
    }
}
