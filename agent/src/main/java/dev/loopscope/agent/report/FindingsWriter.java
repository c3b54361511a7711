package dev.loopscope.agent.report;

import dev.loopscope.agent.detect.BlockingCall;
import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.detect.Findings;
import dev.loopscope.agent.detect.Stall;
import dev.loopscope.agent.timeline.Timeline;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of detection as JSON: the same objects in the summary and in the HTML report's
 * data. Times are nanoseconds from the timeline's origin; a task id refers to the timeline's task
 * of that id (null when the call was made outside any recorded task).
 */
final class FindingsWriter {

    private FindingsWriter() {
    }

    static void write(JsonWriter json, Timeline t, Detection d) {
        json.name("detection").beginObject();
        json.name("enabled").value(d.enabled);
        json.name("policy").value(d.policy);
        json.name("failed").value(d.failed());
        json.name("loopThreadGlobs");
        strings(json, d.loopGlobs);
        json.name("stallThresholdNanos").value(d.stallThresholdNanos);
        json.name("allowEntries");
        strings(json, d.allowEntries);
        json.name("unusedAllowEntries");
        strings(json, d.unusedAllowEntries);
        json.name("droppedFindings").value(d.dropped);
        json.endObject();

        long now = t.meta().originNanoTime + t.meta().durationNanos;
        json.name("blockingCalls").beginArray();
        for (BlockingCall c : d.calls) {
            json.beginObject();
            json.name("kind").value(c.kind);
            json.name("thread").value(c.threadName);
            json.name("threadId").value(c.threadId);
            taskId(json, t, c.runRef);
            json.name("api").value(c.api.name);
            json.name("category").value(c.api.category);
            json.name("entry").value(c.entry);
            json.name("startNanos").value(relative(t, c.startNanos));
            long duration = c.durationNanos();
            json.name("durationNanos").value(duration >= 0 ? duration : Math.max(0L, now - c.startNanos));
            json.name("inProgress").value(duration < 0);
            json.name("callSite").value(c.callSite);
            json.name("detail").value(c.detail);
            json.name("stack");
            strings(json, c.stack);
            json.endObject();
        }
        json.endArray();

        json.name("blockingCallSites").beginArray();
        for (Findings.Site s : d.sites) {
            json.beginObject();
            json.name("kind").value(s.kind);
            json.name("api").value(s.api);
            json.name("callSite").value(s.callSite);
            json.name("count").value(s.count());
            json.name("totalNanos").value(s.totalNanos());
            json.endObject();
        }
        json.endArray();

        json.name("stalls").beginArray();
        for (Stall s : d.stalls) {
            json.beginObject();
            json.name("thread").value(s.threadName);
            json.name("threadId").value(s.threadId);
            taskId(json, t, s.runRef);
            json.name("startNanos").value(relative(t, s.startNanos));
            long end = s.endNanos();
            json.name("durationNanos").value((end >= 0 ? end : now) - s.startNanos);
            json.name("inProgress").value(end < 0);
            json.name("thresholdNanos").value(s.thresholdNanos);
            List<Stall.Sample> samples = s.samples();
            json.name("state").value(mostCommonState(samples));
            json.name("cpuNanos").value(s.cpuNanos());
            json.name("observedNanos").value(s.observedNanos());
            json.name("samples").beginArray();
            for (Stall.Sample sample : samples) {
                json.beginObject();
                json.name("atNanos").value(relative(t, sample.atNanos));
                json.name("state").value(sample.state);
                json.name("stack");
                strings(json, sample.stack);
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }

    private static void taskId(JsonWriter json, Timeline t, long runRef) {
        int task = t.taskOfRun(runRef);
        json.name("taskId");
        if (task >= 0) {
            json.value(t.id(task));
        } else {
            json.nullValue();
        }
    }

    private static long relative(Timeline t, long nanoTime) {
        return Math.max(0L, nanoTime - t.meta().originNanoTime);
    }

    /** The state the thread was seen in most: RUNNABLE for a CPU-bound stall, TIMED_WAITING for a sleep. */
    static String mostCommonState(List<Stall.Sample> samples) {
        Map<String, Integer> counts = new HashMap<>();
        String best = "";
        int bestCount = 0;
        for (Stall.Sample s : samples) {
            int c = counts.merge(s.state, 1, Integer::sum);
            if (c > bestCount) {
                best = s.state;
                bestCount = c;
            }
        }
        return best;
    }

    private static void strings(JsonWriter json, List<String> values) {
        json.beginArray();
        for (String v : values) {
            json.value(v);
        }
        json.endArray();
    }
}
