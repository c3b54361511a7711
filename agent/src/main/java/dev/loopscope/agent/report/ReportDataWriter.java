package dev.loopscope.agent.report;

import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.recorder.Failure;
import dev.loopscope.agent.timeline.ExecutorStats;
import dev.loopscope.agent.timeline.Timeline;
import java.io.Writer;
import java.util.List;

/**
 * The data the HTML viewer reads, embedded in the page as JSON: the whole timeline, column by
 * column so that a million tasks stay a few compact arrays. The format is the contract between
 * this class and {@code report.html}; it is described there, at the top of the script.
 */
final class ReportDataWriter {

    static final int FORMAT_VERSION = 1;

    private ReportDataWriter() {
    }

    static void write(Timeline t, List<ExecutorStats> stats, Detection detection, Writer out) {
        JsonWriter json = new JsonWriter(out);
        Timeline.Meta meta = t.meta();
        json.beginObject();
        json.name("version").value(FORMAT_VERSION);
        json.name("meta").beginObject()
                .name("jdk").value(meta.jdk)
                .name("source").value(meta.source)
                .name("startEpochMillis").value(meta.startEpochMillis)
                .name("durationNanos").value(meta.durationNanos)
                .name("droppedEvents").value(meta.droppedEvents)
                .name("partial").value(meta.partial)
                .name("unfinishedRunning").value(meta.unfinished.running)
                .name("unfinishedQueued").value(meta.unfinished.queued)
                .endObject();
        json.name("threads").beginArray();
        for (Timeline.ThreadInfo thread : t.threads()) {
            json.beginObject().name("name").value(thread.name).name("id").value(thread.javaId)
                    .name("daemon").value(thread.daemon).endObject();
        }
        json.endArray();
        json.name("executors").beginArray();
        for (ExecutorStats s : stats) {
            SummaryWriter.executor(json, s);
        }
        json.endArray();
        json.name("names").beginArray();
        for (String name : t.taskNames()) {
            json.value(name);
        }
        json.endArray();
        json.name("failures").beginArray();
        for (Failure f : t.failures()) {
            json.beginObject().name("className").value(f.className()).name("message").value(f.message()).endObject();
        }
        json.endArray();
        int n = t.size();
        json.name("tasks").beginObject();
        json.name("count").value(n);
        column(json, "parent", n, t::parent);
        column(json, "executor", n, t::executor);
        column(json, "name", n, t::nameIndex);
        longColumn(json, "submit", n, t::submitNanos);
        longColumn(json, "planned", n, t::plannedNanos);
        longColumn(json, "start", n, t::startNanos);
        longColumn(json, "end", n, t::endNanos);
        column(json, "thread", n, t::thread);
        column(json, "submitThread", n, t::submitThread);
        column(json, "failure", n, t::failureIndex);
        column(json, "flags", n, t::flags);
        json.endObject();
        // Every run of every task; a virtual thread has one per mount on a carrier.
        Timeline.Segments segs = t.segments();
        json.name("segments").beginObject();
        json.name("count").value(segs.count);
        column(json, "task", segs.count, segs::task);
        longColumn(json, "start", segs.count, segs::start);
        longColumn(json, "end", segs.count, segs::end);
        column(json, "thread", segs.count, segs::thread);
        json.endObject();
        FindingsWriter.write(json, t, detection);
        json.endObject();
    }

    private static void column(JsonWriter json, String name, int n, java.util.function.IntUnaryOperator values) {
        json.name(name).beginArray();
        for (int i = 0; i < n; i++) {
            json.value(values.applyAsInt(i));
        }
        json.endArray();
    }

    private static void longColumn(JsonWriter json, String name, int n, java.util.function.IntToLongFunction values) {
        json.name(name).beginArray();
        for (int i = 0; i < n; i++) {
            json.value(values.applyAsLong(i));
        }
        json.endArray();
    }
}
