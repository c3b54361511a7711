package dev.loopscope.agent.recorder;

import dev.loopscope.agent.timeline.RawEvents;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What the recorder holds at one instant, replayable as {@link RawEvents}. Logs may still grow
 * while a snapshot is replayed; the replay reads only what each log had published.
 *
 * <p>Why taking one at exit, with other threads still recording, is safe (shutdown hooks run
 * while the application's threads go on: after {@code System.exit}, or daemon threads after main
 * threw). No exception: the list of logs is a concurrent queue, whose iteration never fails, and
 * each log is read only below the {@code committed} count it had published (an acquire read
 * matched by the owner's release store), from chunk arrays that are only ever added to, never
 * cleared. No torn event: every word below that count was written before it was published; the
 * only later writes (a run's end time, a failure index or rejection flag in a header) are single
 * 64-bit stores, whole on 64-bit JVMs, so a reader sees a run as still running or as ended, and a
 * failure whose details it cannot see yet as "(unknown)". No hang: the reader takes no lock a
 * recording thread holds, and reads a bounded amount (each log's length as it first looks at it,
 * within the buffer). The logs' lengths are all read first, in one pass, so the snapshot is of
 * one instant give or take that pass's microseconds: a task submitted within it can show without
 * its run (as queued) or a run without its submission. A run's end is read later, as its log is
 * replayed, so a run that ended in between reads as ended.
 */
public final class Snapshot {

    private final List<ThreadLog> logs;
    /** Each log's published length, all read in one quick pass, so that the logs agree on one instant. */
    private final long[] ends;
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
        this(logs, publishedEnds(logs), executors, classNames, droppedEvents, usedBytes, limitBytes, startNanos,
                startEpochMillis);
    }

    private Snapshot(List<ThreadLog> logs, long[] ends, List<ExecutorInfo> executors, IntFunction<String> classNames,
            long droppedEvents, long usedBytes, long limitBytes, long startNanos, long startEpochMillis) {
        this.logs = logs;
        this.ends = ends;
        this.executors = executors;
        this.classNames = classNames;
        this.droppedEvents = droppedEvents;
        this.usedBytes = usedBytes;
        this.limitBytes = limitBytes;
        this.startNanos = startNanos;
        this.startEpochMillis = startEpochMillis;
    }

    /**
     * Where every log ends now. Read before any log is replayed: replaying takes seconds for a
     * full buffer, and reading each log's end only when its turn came would let the application
     * run on in between (a submission read late, its run read early, shows as never started).
     */
    private static long[] publishedEnds(List<ThreadLog> logs) {
        long[] ends = new long[logs.size()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = logs.get(i).committedWords();
        }
        return ends;
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
        Snapshot s = new Snapshot(logs, ends, executors, classNames, droppedEvents, usedBytes, limitBytes, startNanos,
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
        for (int i = 0; i < logs.size(); i++) {
            ThreadLog log = logs.get(i);
            long from = mark == null ? 0L : mark.startOf(log);
            if (from < 0 || log.isEvicted()) {
                continue; // its thread exited before the mark, or its log was freed for the harness
            }
            out.thread(log.slot(), log.threadId(), log.threadName(), log.isDaemon());
            replay(log, from, ends[i], out, named);
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

    private void replay(ThreadLog log, long from, long end, RawEvents out, java.util.Set<Integer> named) {
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
