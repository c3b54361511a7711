package dev.loopscope.agent.report;

import dev.loopscope.agent.timeline.ExecutorStats;
import dev.loopscope.agent.timeline.Timeline;
import java.util.List;
import java.util.Locale;

/** The short text summary printed on stderr at exit. */
public final class TextSummary {

    private TextSummary() {
    }

    public static String of(Timeline t, List<ExecutorStats> stats) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "[loopscope] %d tasks on %d executors, %d threads, over %s%s%n", t.size(),
                stats.size(), t.threads().size(), Durations.format(t.meta().durationNanos),
                t.meta().partial ? " (partial)" : ""));
        if (t.meta().droppedEvents > 0) {
            b.append(String.format(Locale.ROOT,
                    "[loopscope] %d events dropped: the buffer was full (raise it with buffer=, e.g. buffer=256m)%n",
                    t.meta().droppedEvents));
        }
        b.append(String.format(Locale.ROOT, "[loopscope]   %-32s %8s %7s %10s %10s %10s %10s %5s%n", "executor", "tasks",
                "failed", "wait p50", "wait p99", "run p50", "run p99", "peak"));
        for (ExecutorStats s : stats) {
            b.append(String.format(Locale.ROOT, "[loopscope]   %-32s %8d %7d %10s %10s %10s %10s %5d%n",
                    clip(s.name, 32), s.tasks, s.failed, Durations.format(s.queueWait.p50),
                    Durations.format(s.queueWait.p99), Durations.format(s.run.p50), Durations.format(s.run.p99),
                    s.maxConcurrency));
        }
        return b.toString();
    }

    private static String clip(String s, int width) {
        String oneLine = s.replaceAll("[\\p{Cntrl}]", "?");
        return oneLine.length() <= width ? oneLine : oneLine.substring(0, width - 1) + "…";
    }
}
