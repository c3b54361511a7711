package dev.loopscope.agent.report;

import dev.loopscope.agent.detect.AgentCode;
import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.detect.Findings;
import dev.loopscope.agent.detect.Stall;
import dev.loopscope.agent.timeline.ExecutorStats;
import dev.loopscope.agent.timeline.Timeline;
import dev.loopscope.agent.timeline.Unfinished;
import java.util.List;
import java.util.Locale;

/** The short text summary printed on stderr at exit. */
public final class TextSummary {

    private TextSummary() {
    }

    /** @param heapRanOut the recorder's drops came from the heap running out, not from the buffer */
    public static String of(Timeline t, List<ExecutorStats> stats, Detection d, boolean heapRanOut) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "[loopscope] %d tasks on %d executors, %d threads, over %s%s%n", t.size(),
                stats.size(), t.threads().size(), Durations.format(t.meta().durationNanos),
                t.meta().partial ? " (partial)" : ""));
        Unfinished unfinished = t.meta().unfinished;
        if (t.meta().partial && unfinished.any()) {
            b.append(String.format(Locale.ROOT, "[loopscope] partial: the recording ended with %d tasks running and %s%n",
                    unfinished.running, unfinished.queued >= 0 ? unfinished.queued + " queued (never started)"
                            : "an unknown number queued (events were dropped)"));
        }
        if (t.meta().droppedEvents > 0) {
            b.append(String.format(Locale.ROOT, heapRanOut
                    ? "[loopscope] %d events dropped: no heap left for the recorder (raise -Xmx; more below)%n"
                    : "[loopscope] %d events dropped: the buffer was full (raise it with buffer=, e.g. buffer=256m)%n",
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
        findings(b, d);
        return b.toString();
    }

    /** Blocking calls by call site, most blocking time first, and stalls; nothing when there are none. */
    private static void findings(StringBuilder b, Detection d) {
        if (!d.enabled) {
            return;
        }
        boolean blockingOff = d.policy.equals("off");
        if (blockingOff) {
            b.append("[loopscope] blocking calls were not looked for (blocking=off)\n");
        } else if (d.calls.isEmpty() && d.stalls.isEmpty()) {
            b.append("[loopscope] no blocking calls or stalls on loop threads\n");
        }
        if (!d.sites.isEmpty()) {
            b.append(String.format(Locale.ROOT, "[loopscope] %d blocking calls at %d call sites%s:%n", countCalls(d),
                    d.sites.size(), d.failed() ? " (blocking=fail: this run fails)" : ""));
            int shown = 0;
            for (Findings.Site s : d.sites) {
                if (shown++ == 10) {
                    b.append(String.format(Locale.ROOT, "[loopscope]   ... %d more call sites in the report%n", d.sites.size() - 10));
                    break;
                }
                b.append(String.format(Locale.ROOT, "[loopscope]   %5dx %9s  %-26s %s%s%n", s.count(), Durations.format(s.totalNanos()),
                        clip(s.api, 26), clip(s.callSite.isEmpty() ? "(JDK code)" : s.callSite, 120),
                        s.kind.equals("loop") ? "" : "  [" + s.kind + "]"));
            }
        }
        if (!d.stalls.isEmpty()) {
            b.append(String.format(Locale.ROOT, "[loopscope] %d stalls (tasks over %s on a loop thread):%n", d.stalls.size(),
                    Durations.format(d.stallThresholdNanos)));
            for (Stall s : d.stalls.subList(0, Math.min(10, d.stalls.size()))) {
                long end = s.endNanos();
                List<Stall.Sample> samples = s.samples();
                String culprit = samples.isEmpty() ? "" : firstApplicationFrame(samples.get(0).stack);
                b.append(String.format(Locale.ROOT, "[loopscope]   %9s  on %-24s %s%n",
                        end >= 0 ? Durations.format(end - s.startNanos) : "running", clip(s.threadName, 24), clip(culprit, 120)));
            }
        }
        if (!d.unusedAllowEntries.isEmpty()) {
            b.append("[loopscope] allow entries that matched nothing: " + String.join(", ", d.unusedAllowEntries) + "\n");
        }
    }

    private static long countCalls(Detection d) {
        long n = 0;
        for (Findings.Site s : d.sites) {
            n += s.count();
        }
        return n;
    }

    private static String firstApplicationFrame(List<String> stack) {
        for (String frame : stack) {
            if (!AgentCode.isJdk(frame)) {
                return "at " + frame;
            }
        }
        return stack.isEmpty() ? "" : "at " + stack.get(0);
    }

    /** One line of at most {@code width} characters: controls and line separators become '?', a pair is never cut. */
    private static String clip(String s, int width) {
        String oneLine = s.replaceAll("[\\p{Cntrl}\\x{2028}\\x{2029}]", "?");
        if (oneLine.length() <= width) {
            return oneLine;
        }
        int cut = Character.isHighSurrogate(oneLine.charAt(width - 2)) ? width - 2 : width - 1;
        return oneLine.substring(0, cut) + "…";
    }
}
