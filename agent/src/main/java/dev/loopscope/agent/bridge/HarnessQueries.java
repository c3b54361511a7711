package dev.loopscope.agent.bridge;

import dev.loopscope.agent.detect.Detection;
import dev.loopscope.agent.detect.Detector;
import dev.loopscope.agent.recorder.Recorder;
import dev.loopscope.agent.recorder.RecordingMark;
import dev.loopscope.agent.recorder.Snapshot;
import dev.loopscope.agent.report.HtmlWriter;
import dev.loopscope.agent.report.Outcomes;
import dev.loopscope.agent.timeline.ExecutorStats;
import dev.loopscope.agent.timeline.TaskFilter;
import dev.loopscope.agent.timeline.Timeline;
import dev.loopscope.agent.timeline.TimelineBuilder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's questions about the recording: a test's tasks, and its HTML report, built from
 * what was recorded since the test's mark only. Tasks cross to the harness as maps of JDK types
 * (keys below), as the harness runs in the application's class loader.
 */
public final class HarnessQueries implements Recorder.Queries {

    private final Recorder recorder;
    private final Detector detector;
    private final long stallNanos;

    public HarnessQueries(Recorder recorder, Detector detector, long stallNanos) {
        this.recorder = recorder;
        this.detector = detector;
        this.stallNanos = stallNanos;
    }

    private Timeline timelineSince(Object mark) {
        Snapshot snapshot = recorder.snapshotSince((RecordingMark) mark);
        TimelineBuilder builder = new TimelineBuilder(snapshot.startNanos(), TaskFilter.ALL);
        snapshot.replay(builder);
        return builder.build(System.getProperty("java.runtime.version", Runtime.version().toString()),
                snapshot.startEpochMillis(), System.nanoTime(), false, "agent");
    }

    /**
     * Keys: id, parentId (0: none), name, executor, thread (null if it never ran), submitNanoTime,
     * startNanoTime and endNanoTime (-1 if not submitted, started or ended; {@code System.nanoTime}
     * values), outcome ("normal", "running", "not started", "rejected" or the failure).
     */
    @Override
    public List<Map<String, Object>> tasksSince(Object mark) {
        Timeline t = timelineSince(mark);
        long origin = t.meta().originNanoTime;
        List<Map<String, Object>> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id(i));
            m.put("parentId", t.parent(i) >= 0 ? t.id(t.parent(i)) : 0L);
            m.put("name", t.name(i));
            m.put("executor", t.executors().get(t.executor(i)).name);
            m.put("thread", t.thread(i) >= 0 ? t.threads().get(t.thread(i)).name : null);
            m.put("submitNanoTime", absolute(origin, t.submitNanos(i)));
            m.put("startNanoTime", absolute(origin, t.startNanos(i)));
            m.put("endNanoTime", absolute(origin, t.endNanos(i)));
            m.put("outcome", Outcomes.describe(t, i));
            out.add(m);
        }
        return out;
    }

    private static long absolute(long origin, long relative) {
        return relative >= 0 ? origin + relative : -1L;
    }

    @Override
    public String writeReportSince(Object mark, long fromNanoTime, String htmlFile) {
        try {
            Timeline t = timelineSince(mark);
            Detection d = detector.snapshot(stallNanos).since(fromNanoTime);
            Path file = Paths.get(htmlFile).toAbsolutePath();
            Files.createDirectories(file.getParent());
            // A new file, not the last run's truncated: ext4 (auto_da_alloc) flushes a file that is
            // truncated and rewritten, which cost 0.6 ms a test on these machines.
            Files.deleteIfExists(file);
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                HtmlWriter.write(t, ExecutorStats.of(t), d, w);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }
}
