package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.workloads.StressLoad;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The agent never harms the application, under load: 16 threads push many tasks through a pool,
 * a fork-join pool, CompletableFuture chains and a loop thread, with a buffer far too small for
 * them. The application runs every task and exits normally, the agent's heap stays within its
 * buffer, what did not fit is counted as dropped, and all three reports are still written.
 *
 * <p>The build runs {@code stress.tasks} = 400,000 (about 30 s on 2 cores, start-up and checks included); the full size is
 * {@code mvn -o -B -pl agent verify -Dit.test=StressIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstress.tasks=5000000} (see the README's testing section).
 */
class StressIT {

    private static final long TASKS = Long.getLong("stress.tasks", 400_000);
    private static final String BUFFER = System.getProperty("stress.buffer", "8m");
    private static final Pattern RAN = Pattern.compile("stress: ran (\\d+) of (\\d+) tasks in ([0-9.]+) s");
    private static final Pattern HEAP = Pattern.compile("heap: before (\\d+) after (\\d+) growth (-?\\d+) bytes");
    private static final Pattern BUFFER_LINE = Pattern.compile("\\[loopscope] buffer: ([0-9.]+) of ([0-9.]+) MiB used");

    @Test
    void everyTaskRunsTheHeapStaysWithinTheBufferAndTheReportsAreWritten() throws Exception {
        long bufferBytes = parseSize(BUFFER);
        AgentJvm.Result r = AgentJvm.of(StressLoad.class)
                .options("buffer=" + BUFFER + ",loops=stress-loop-*")
                .jvmArg("-Xmx512m")
                .args(String.valueOf(TASKS))
                .timeout(60 + TASKS / 10_000)
                .run("stress");

        // The application: exit code 0, every planned task run.
        assertThat(r.exitCode).as(r.toString()).isZero();
        long planned = TASKS / (StressLoad.TASKS_PER_UNIT * 16) * StressLoad.TASKS_PER_UNIT * 16;
        Matcher ran = find(RAN, r.stdout, r);
        assertThat(Long.parseLong(ran.group(1))).as(r.toString()).isEqualTo(planned);
        assertThat(Long.parseLong(ran.group(2))).isEqualTo(planned);

        // The agent's heap: what the load left on the heap once garbage is collected, less what it
        // leaves without the agent (the application's own: pools, classes), is within the buffer;
        // and it is the buffer's contents the measurement sees (at least half of it).
        AgentJvm.Result alone = AgentJvm.of(StressLoad.class).withoutAgent().jvmArg("-Xmx512m").args(String.valueOf(TASKS))
                .timeout(60 + TASKS / 10_000).run("stress-without-agent");
        assertThat(alone.exitCode).as(alone.toString()).isZero();
        long applicationGrowth = Long.parseLong(find(HEAP, alone.stdout, alone).group(3));
        long growth = Long.parseLong(find(HEAP, r.stdout, r).group(3)) - applicationGrowth;
        Matcher buffer = find(BUFFER_LINE, r.stderr, r);
        double usedMiB = Double.parseDouble(buffer.group(1));
        double limitMiB = Double.parseDouble(buffer.group(2));
        assertThat(limitMiB).isEqualTo(bufferBytes / 1048576.0);
        assertThat(usedMiB).as("nearly full: the load does not fit").isGreaterThan(limitMiB * 0.9).isLessThanOrEqualTo(limitMiB);
        assertThat(growth).as(r.toString()).isLessThanOrEqualTo(bufferBytes)
                .isGreaterThan((long) (usedMiB * 1048576 / 2));

        // Drops: counted in the summary and said on stderr.
        Map<String, Object> summary = r.summary();
        long dropped = (Long) summary.get("dropped");
        assertThat(dropped).isPositive();
        assertThat(r.stderr).contains("[loopscope] " + dropped + " events dropped: the buffer was full");
        // Every task had ended: not partial, however much was dropped (queued is unknown then).
        assertThat(summary.get("partial")).as(r.stderr).isEqualTo(false);
        assertThat(summary.get("unfinished")).isEqualTo(Map.of("running", 0L, "queued", -1L));

        // The reports: the summary and the trace parse, the HTML page is there.
        assertThat((Long) summary.get("tasks")).isPositive().isLessThan(planned);
        assertThat(r.trace().tasks()).isNotEmpty();
        assertThat(Files.size(r.reports.resolve("loopscope-report.html"))).isGreaterThan(10_000);
        assertThat(r.stderr).contains("[loopscope] report: " + r.reports.resolve("loopscope-report.html"));

        System.out.printf("StressIT: %d tasks in %s s, agent heap growth %.2f MiB for a %.1f MiB buffer (%.1f used; the"
                + " application alone %.2f MiB), %d events dropped, %d tasks recorded%n", planned, ran.group(3), growth / 1048576.0,
                limitMiB, usedMiB, applicationGrowth / 1048576.0, dropped, summary.get("tasks"));
    }

    private static Matcher find(Pattern p, String text, AgentJvm.Result r) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("'%s' in %s", p, r).isTrue();
        return m;
    }

    private static long parseSize(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        switch (size.charAt(size.length() - 1)) {
            case 'k': return n << 10;
            case 'm': return n << 20;
            case 'g': return n << 30;
            default: throw new IllegalArgumentException("stress.buffer: " + size);
        }
    }
}
