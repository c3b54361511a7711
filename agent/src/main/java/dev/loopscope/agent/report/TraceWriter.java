package dev.loopscope.agent.report;

import dev.loopscope.agent.detect.BlockingCall;
import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.detect.Stall;
import dev.loopscope.agent.timeline.Timeline;
import java.io.Writer;

/**
 * Writes {@code loopscope-trace.json} in the Chrome Trace Event format, which ui.perfetto.dev and
 * chrome://tracing open: one named track per thread, one complete ("X") slice per task run (its
 * category is the executor; an outcome is given unless it is normal), and a flow arrow from each
 * submission to the start of its run. A million tasks make about 300 MB, so nothing is repeated.
 */
public final class TraceWriter {

    private static final int PID = 1;

    private TraceWriter() {
    }

    public static void write(Timeline t, Detection detection, Writer out) {
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        json.name("displayTimeUnit").value("ms");
        json.name("otherData").beginObject()
                .name("tool").value("loopscope")
                .name("jdk").value(t.meta().jdk)
                .name("startEpochMillis").value(t.meta().startEpochMillis)
                .name("droppedEvents").value(t.meta().droppedEvents)
                .name("partial").value(t.meta().partial)
                .name("unfinishedRunning").value(t.meta().unfinished.running)
                .name("unfinishedQueued").value(t.meta().unfinished.queued)
                .endObject();
        json.name("traceEvents").beginArray();
        metadata(json, "process_name", -1, "Loopscope (" + t.meta().jdk + ")");
        for (int i = 0; i < t.threads().size(); i++) {
            metadata(json, "thread_name", i, t.threads().get(i).name);
        }
        Timeline.Segments segs = t.segments();
        for (int seg = 0; seg < segs.count; seg++) {
            int task = segs.task(seg);
            boolean first = seg == 0 || segs.task(seg - 1) != task;
            long start = segs.start(seg);
            long end = segs.endOrRecordingEnd(seg, t.meta());
            json.beginObject();
            json.name("ph").value("X");
            json.name("name").value(t.name(task));
            json.name("cat").value(t.executors().get(t.executor(task)).name);
            json.name("pid").value(PID);
            json.name("tid").value(tid(segs.thread(seg)));
            json.name("ts").value(micros(start));
            json.name("dur").value(micros(end - start));
            json.name("args").beginObject();
            json.name("task").value(t.id(task));
            if (!first) {
                json.name("continued").value(true);
            }
            if (t.parent(task) >= 0) {
                json.name("parent").value(t.id(t.parent(task)));
            }
            if (first && t.queueWaitNanos(task) >= 0) {
                json.name("queueWaitUs").value(micros(t.queueWaitNanos(task)));
            }
            if (first && t.plannedNanos(task) >= 0) {
                json.name("driftUs").value(micros(start - t.plannedNanos(task)));
            }
            if (t.failureIndex(task) >= 0 || !t.hasEnded(task)) {
                json.name("outcome").value(Outcomes.describe(t, task)); // "normal" goes without saying
            }
            json.endObject();
            json.endObject();
            if (first && t.submitThread(task) >= 0) {
                flow(json, "s", task, t.submitThread(task), t.submitNanos(task));
                flow(json, "f", task, segs.thread(seg), start);
            }
        }
        findings(json, t, detection);
        json.endArray();
        json.endObject();
    }

    /**
     * Blocking calls and stalls as slices of their own category on their thread's track (a
     * thread the timeline does not know gets a track of its own), with the call site and API.
     */
    private static void findings(JsonWriter json, Timeline t, Detection d) {
        java.util.Map<Long, Long> tids = new java.util.HashMap<>();
        for (int i = 0; i < t.threads().size(); i++) {
            tids.put(t.threads().get(i).javaId, tid(i));
        }
        long origin = t.meta().originNanoTime;
        long end = origin + t.meta().durationNanos;
        for (BlockingCall c : d.calls) {
            long tid = tidOf(json, tids, c.threadId, c.threadName);
            long duration = c.durationNanos() >= 0 ? c.durationNanos() : Math.max(0L, end - c.startNanos);
            json.beginObject();
            json.name("ph").value("X");
            json.name("name").value(c.api.name);
            json.name("cat").value(c.kind.equals("pinned") ? "pinned" : "blocking");
            json.name("pid").value(PID);
            json.name("tid").value(tid);
            json.name("ts").value(micros(Math.max(0L, c.startNanos - origin)));
            json.name("dur").value(micros(duration));
            json.name("args").beginObject().name("callSite").value(c.callSite).name("entry").value(c.entry)
                    .name("detail").value(c.detail).endObject();
            json.endObject();
        }
        for (Stall s : d.stalls) {
            long tid = tidOf(json, tids, s.threadId, s.threadName);
            long stallEnd = s.endNanos() >= 0 ? s.endNanos() : end;
            json.beginObject();
            json.name("ph").value("X");
            json.name("name").value("stall");
            json.name("cat").value("stall");
            json.name("pid").value(PID);
            json.name("tid").value(tid);
            json.name("ts").value(micros(Math.max(0L, s.startNanos - origin)));
            json.name("dur").value(micros(Math.max(0L, stallEnd - s.startNanos)));
            json.name("args").beginObject().name("state").value(FindingsWriter.mostCommonState(s.samples()))
                    .name("cpuNanos").value(s.cpuNanos()).endObject();
            json.endObject();
        }
    }

    private static long tidOf(JsonWriter json, java.util.Map<Long, Long> tids, long javaId, String name) {
        Long tid = tids.get(javaId);
        if (tid == null) {
            tid = 1_000_000L + tids.size();
            tids.put(javaId, tid);
            metadata(json, "thread_name", (int) (tid - 1), name);
        }
        return tid;
    }

    private static void flow(JsonWriter json, String phase, int task, int thread, long nanos) {
        json.beginObject();
        json.name("ph").value(phase);
        json.name("name").value("submit");
        json.name("cat").value("flow");
        json.name("id").value(task + 1L);
        json.name("pid").value(PID);
        json.name("tid").value(tid(thread));
        json.name("ts").value(micros(nanos));
        if (phase.equals("f")) {
            json.name("bp").value("e");
        }
        json.endObject();
    }

    private static void metadata(JsonWriter json, String kind, int thread, String name) {
        json.beginObject();
        json.name("ph").value("M");
        json.name("name").value(kind);
        json.name("pid").value(PID);
        if (thread >= 0) {
            json.name("tid").value(tid(thread));
        }
        json.name("args").beginObject().name("name").value(name).endObject();
        json.endObject();
    }

    private static long tid(int thread) {
        return thread + 1L;
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
