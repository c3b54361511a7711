package dev.loopscope.agent.report;

import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.timeline.ExecutorStats;
import dev.loopscope.agent.timeline.Timeline;
import java.io.Writer;
import java.util.List;

/**
 * Writes {@code loopscope-summary.json}. Its shape is a documented contract (README, "Summary
 * JSON"): fields are only ever added, never renamed or removed.
 */
public final class SummaryWriter {

    public static final int SCHEMA_VERSION = 1;

    private SummaryWriter() {
    }

    public static void write(Timeline t, List<ExecutorStats> stats, Detection detection, Writer out) {
        JsonWriter json = new JsonWriter(out);
        Timeline.Meta meta = t.meta();
        json.beginObject();
        json.name("schemaVersion").value(SCHEMA_VERSION);
        json.name("jdk").value(meta.jdk);
        json.name("source").value(meta.source);
        json.name("startEpochMillis").value(meta.startEpochMillis);
        json.name("originNanoTime").value(meta.originNanoTime);
        json.name("durationNanos").value(meta.durationNanos);
        json.name("partial").value(meta.partial);
        json.name("unfinished").beginObject()
                .name("running").value(meta.unfinished.running)
                .name("queued").value(meta.unfinished.queued)
                .endObject();
        json.name("dropped").value(meta.droppedEvents);
        json.name("tasks").value(t.size());
        json.name("threads").value(t.threads().size());
        json.name("executors").beginArray();
        for (ExecutorStats s : stats) {
            executor(json, s);
        }
        json.endArray();
        FindingsWriter.write(json, t, detection);
        json.endObject();
    }

    /** One executor's figures: the same object in the summary and in the HTML report's data. */
    static void executor(JsonWriter json, ExecutorStats s) {
        json.beginObject();
        json.name("name").value(s.name);
        json.name("className").value(s.className);
        json.name("tasks").value(s.tasks);
        json.name("failed").value(s.failed);
        json.name("rejected").value(s.rejected);
        json.name("notStarted").value(s.notStarted);
        json.name("running").value(s.running);
        json.name("threads").value(s.threads);
        percentiles(json, "queueWaitNanos", s.queueWait);
        percentiles(json, "runNanos", s.run);
        json.name("maxConcurrency").value(s.maxConcurrency);
        json.name("utilization").value(s.utilization);
        json.endObject();
    }

    private static void percentiles(JsonWriter json, String name, ExecutorStats.Percentiles p) {
        json.name(name).beginObject();
        json.name("p50").value(p.p50);
        json.name("p99").value(p.p99);
        json.name("max").value(p.max);
        json.endObject();
    }
}
