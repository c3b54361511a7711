package dev.loopscope.agent.recorder;

import dev.loopscope.agent.timeline.RawEvents;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What the recorder holds at one instant, replayable as {@link RawEvents}. Logs may still grow
 * while a snapshot is replayed; the replay reads only what each log had published.
 */
public final class Snapshot {

    private final List<ThreadLog> logs;
    private final List<ExecutorInfo> executors;
    private final IntFunction<String> classNames;
    private final long droppedEvents;
    private final long usedBytes;
    private final long limitBytes;
    private final long startNanos;
    private final long startEpochMillis;
    /** Events before it are left out; null: replay from the start. */
    private RecordingMark mark;
    /** If set, executors are not listed up front but looked up when a submission first names one. */
    private java.util.function.IntFunction<ExecutorInfo> executorById;

    Snapshot(List<ThreadLog> logs, List<ExecutorInfo> executors, IntFunction<String> classNames, long droppedEvents,
            long usedBytes, long limitBytes, long startNanos, long startEpochMillis) {
        this.logs = logs;
        this.executors = executors;
        this.classNames = classNames;
        this.droppedEvents = droppedEvents;
        this.usedBytes = usedBytes;
        this.limitBytes = limitBytes;
        this.startNanos = startNanos;
        this.startEpochMillis = startEpochMillis;
    }

    public long droppedEvents() {
        return droppedEvents;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    public long startNanos() {
        return startNanos;
    }

    public long startEpochMillis() {
        return startEpochMillis;
    }

    /** This snapshot, replaying only what each log recorded after {@code mark} (see {@link Recorder#mark()}). */
    Snapshot since(RecordingMark mark, java.util.function.IntFunction<ExecutorInfo> executorById) {
        Snapshot s = new Snapshot(logs, executors, classNames, droppedEvents, usedBytes, limitBytes, startNanos,
                startEpochMillis);
        s.mark = mark;
        s.executorById = executorById;
        return s;
    }

    public void replay(RawEvents out) {
        for (ExecutorInfo e : executors) {
            out.executor(e.id(), e.className(), e.identityHash(), e.userName());
        }
        java.util.Set<Integer> named = new java.util.HashSet<>();
        for (ThreadLog log : logs) {
            long from = mark == null ? 0L : mark.startOf(log);
            if (from < 0 || log.isEvicted()) {
                continue; // its thread exited before the mark, or its log was freed for the harness
            }
            out.thread(log.slot(), log.threadId(), log.threadName(), log.isDaemon());
            replay(log, from, out, named);
        }
        out.dropped(droppedEvents);
    }

    /**
     * The failure at {@code index} of the log; a run marked failed whose details this reader cannot
     * see yet (the owner was recording it as the snapshot was taken) still reads as failed.
     */
    private static Failure failure(ThreadLog log, int index) {
        if (index < 0) {
            return null;
        }
        Failure f = log.failure(index);
        return f != null ? f : new Failure("(unknown)", "still being recorded when the report was written");
    }

    /** Lists executor {@code id} before the first submission that names it, if executors are looked up. */
    private void nameExecutor(int id, RawEvents out, java.util.Set<Integer> named) {
        if (executorById == null || !named.add(id)) {
            return;
        }
        ExecutorInfo e = executorById.apply(id);
        if (e != null) {
            out.executor(e.id(), e.className(), e.identityHash(), e.userName());
        }
    }

    private void replay(ThreadLog log, long from, RawEvents out, java.util.Set<Integer> named) {
        long end = log.committedWords();
        long pos = from;
        while (pos < end) {
            long w0 = log.word(pos);
            int type = EventLayout.type(w0);
            if (type == EventLayout.TYPE_PADDING) {
                pos = (pos / EventLayout.CHUNK_WORDS + 1) * EventLayout.CHUNK_WORDS;
                continue;
            }
            long ref = EventLayout.ref(log.slot(), pos);
            switch (type) {
                case EventLayout.TYPE_SUBMIT:
                case EventLayout.TYPE_SCHEDULE: {
                    long w3 = log.word(pos + 3);
                    long planned = type == EventLayout.TYPE_SCHEDULE ? log.word(pos + 4) : 0L;
                    nameExecutor(EventLayout.executorId(w3), out, named);
                    out.submit(ref, log.slot(), EventLayout.hash(w0), log.word(pos + 1), log.word(pos + 2),
                            EventLayout.executorId(w3), classNames.apply(EventLayout.classId(w3)), planned,
                            (EventLayout.flags(w0) & EventLayout.FLAG_REJECTED) != 0);
                    break;
                }
                case EventLayout.TYPE_RUN:
                case EventLayout.TYPE_THREAD_RUN:
                    out.run(ref, log.slot(), EventLayout.hash(w0), type == EventLayout.TYPE_THREAD_RUN,
                            log.word(pos + 1), log.word(pos + 2), failure(log, EventLayout.failure(w0)));
                    break;
                default:
                    return; // unknown type: the log is damaged from here on; keep what was read
            }
            pos += EventLayout.words(type);
        }
    }
}
