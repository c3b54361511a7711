package dev.loopscope.agent.timeline;

import dev.loopscope.agent.recorder.EventLayout;
import dev.loopscope.agent.recorder.Failure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link RawEvents} into a {@link Timeline}: ties each run to its submission, resolves
 * parent links, names executors and tasks, and applies the include/exclude filter.
 *
 * <p>A run belongs to the earliest still-unmatched submission of an object with the same identity
 * hash (threads only to thread starts, tasks only to executors), taken in time order. Identity
 * hashes have 31 bits, so two live objects rarely share one; when they do (say a submission that
 * never ran, cancelled or dropped at shutdown, and a later task with the same hash), a run can be
 * tied to the wrong submission of the two.
 */
public final class TimelineBuilder implements RawEvents {

    private static final int NO_EXECUTOR = -1;

    private final TaskFilter filter;
    private final long originNanos;

    private final Map<Integer, ThreadRow> threads = new HashMap<>();
    private final Map<Integer, ExecutorRow> executors = new LinkedHashMap<>();

    // submissions
    private final Columns.Ints sThread = new Columns.Ints();
    private final Columns.Ints sHash = new Columns.Ints();
    private final Columns.Longs sTime = new Columns.Longs();
    private final Columns.Longs sParent = new Columns.Longs();
    private final Columns.Ints sExecutor = new Columns.Ints();
    private final Columns.Ints sClass = new Columns.Ints();
    private final Columns.Longs sPlanned = new Columns.Longs();
    private final Columns.Ints sRejected = new Columns.Ints();
    // runs
    private final Columns.Longs rRef = new Columns.Longs();
    private final Columns.Ints rThread = new Columns.Ints();
    private final Columns.Ints rHash = new Columns.Ints();
    private final Columns.Ints rThreadRun = new Columns.Ints();
    private final Columns.Longs rStart = new Columns.Longs();
    private final Columns.Longs rEnd = new Columns.Longs();
    private final List<Failure> rFailure = new ArrayList<>();
    private final Map<String, Integer> classIds = new HashMap<>();
    private final List<String> classNames = new ArrayList<>();
    private long dropped;
    private long latest;

    /** Set by {@link #partialWhenUnfinished()}. */
    private boolean partialWhenUnfinished;

    /** @param originNanos the {@code nanoTime} at which the recording began: time 0 of the timeline */
    public TimelineBuilder(long originNanos, TaskFilter filter) {
        this.originNanos = originNanos;
        this.filter = filter;
    }

    private static final class ThreadRow {
        final String name;
        final long javaId;
        final boolean daemon;
        int index = -1;

        ThreadRow(String name, long javaId, boolean daemon) {
            this.name = name;
            this.javaId = javaId;
            this.daemon = daemon;
        }
    }

    private static final class ExecutorRow {
        final String className;
        final int identityHash;
        final String userName;
        final Map<String, Integer> threadPrefixes = new HashMap<>();
        String name;
        int index = -1;

        ExecutorRow(String className, int identityHash, String userName) {
            this.className = className;
            this.identityHash = identityHash;
            this.userName = userName;
        }
    }

    @Override
    public void thread(int threadKey, long javaThreadId, String name, boolean daemon) {
        threads.put(threadKey, new ThreadRow(name, javaThreadId, daemon));
    }

    @Override
    public void executor(int executorKey, String className, int identityHash, String userName) {
        executors.put(executorKey, new ExecutorRow(className, identityHash, userName));
    }

    @Override
    public void submit(long ref, int threadKey, int hash, long time, long parentRef, int executorKey, String taskClass,
            long planned, boolean rejected) {
        sThread.add(threadKey);
        sHash.add(hash);
        sTime.add(time);
        sParent.add(parentRef);
        sExecutor.add(executorKey);
        sClass.add(classId(taskClass));
        sPlanned.add(planned);
        sRejected.add(rejected ? 1 : 0);
        latest = Math.max(latest, time);
    }

    @Override
    public void run(long ref, int threadKey, int hash, boolean threadRun, long start, long end, Failure failure) {
        rRef.add(ref);
        rThread.add(threadKey);
        rHash.add(hash);
        rThreadRun.add(threadRun ? 1 : 0);
        rStart.add(start);
        rEnd.add(end);
        rFailure.add(failure);
        latest = Math.max(latest, Math.max(start, end));
    }

    @Override
    public void dropped(long events) {
        dropped += events;
    }

    private int classId(String name) {
        return classIds.computeIfAbsent(name, n -> {
            classNames.add(n);
            return classNames.size() - 1;
        });
    }

    /**
     * Marks the timeline partial when work was still in flight at its end ({@link Unfinished}).
     * For the agent's reports at exit, where that means the JVM exited in the middle of work; not
     * for a test's timeline, taken while the run goes on, nor a JFR file's, whose partial means a
     * cut-off file.
     */
    public TimelineBuilder partialWhenUnfinished() {
        this.partialWhenUnfinished = true;
        return this;
    }

    /** Builds the timeline; {@code endNanos} is when the recording was taken (0: the last event). */
    public Timeline build(String jdk, long startEpochMillis, long endNanos, boolean partial, String source) {
        int submits = sTime.n;
        int runs = rRef.n;
        // A task is a submission with its runs (one, or a virtual thread's many mounts), or a run
        // that matched no submission. Runs of one task are chained through nextRun, in time order.
        int[] firstRunOfSubmit = new int[submits];
        java.util.Arrays.fill(firstRunOfSubmit, -1);
        int[] submitOfRun = new int[runs];
        java.util.Arrays.fill(submitOfRun, -1);
        int[] nextRun = new int[runs];
        java.util.Arrays.fill(nextRun, -1);
        match(firstRunOfSubmit, submitOfRun, nextRun);

        int unmatchedRuns = 0;
        for (int r = 0; r < runs; r++) {
            if (submitOfRun[r] < 0) {
                unmatchedRuns++;
            }
        }
        int rows = submits + unmatchedRuns;
        int[] rowSubmit = new int[rows];
        int[] rowRun = new int[rows];
        long[] firstSeen = new long[rows];
        int row = 0;
        for (int s = 0; s < submits; s++) {
            rowSubmit[row] = s;
            rowRun[row] = firstRunOfSubmit[s];
            firstSeen[row++] = sTime.a[s];
        }
        for (int r = 0; r < runs; r++) {
            if (submitOfRun[r] < 0) {
                rowSubmit[row] = -1;
                rowRun[row] = r;
                firstSeen[row++] = rStart.a[r];
            }
        }
        int[] order = Columns.orderBy(firstSeen, rows);
        nameExecutors(rows, rowSubmit, rowRun);

        // Filter, then lay the kept rows out in order of first appearance.
        List<Timeline.ExecutorInfo> keptExecutors = new ArrayList<>();
        Map<String, Integer> executorIndexByKey = new HashMap<>();
        List<String> taskNames = new ArrayList<>();
        Map<String, Integer> taskNameIds = new HashMap<>();
        List<Failure> failures = new ArrayList<>();
        Columns.LongIntMap runRefToTask = new Columns.LongIntMap();

        int[] keptRow = new int[rows];
        int kept = 0;
        int keptRuns = 0;
        for (int i : order) {
            int s = rowSubmit[i];
            int r = rowRun[i];
            ThreadRow t = r >= 0 ? threads.get(rThread.a[r]) : null;
            if (filter.keep(executorName(s, r), t == null ? null : t.name)) {
                keptRow[kept] = i;
                for (int run = r; run >= 0; run = nextRun[run]) {
                    runRefToTask.put(rRef.a[run], kept);
                    keptRuns++;
                }
                kept++;
            }
        }

        int[] parent = new int[kept];
        int[] executor = new int[kept];
        int[] name = new int[kept];
        long[] submit = new long[kept];
        long[] planned = new long[kept];
        long[] start = new long[kept];
        long[] end = new long[kept];
        int[] thread = new int[kept];
        int[] submitThread = new int[kept];
        int[] failure = new int[kept];
        byte[] flags = new byte[kept];
        int[] segTask = new int[keptRuns];
        long[] segStart = new long[keptRuns];
        long[] segEnd = new long[keptRuns];
        int[] segThread = new int[keptRuns];
        int seg = 0;
        List<Timeline.ThreadInfo> threadInfos = new ArrayList<>();
        for (int k = 0; k < kept; k++) {
            int i = keptRow[k];
            int s = rowSubmit[i];
            int r = rowRun[i];
            int executorKey = s >= 0 ? sExecutor.a[s] : -1;
            boolean isThread = s >= 0 ? EventLayout.isThreadExecutor(executorKey) : rThreadRun.a[r] == 1;
            boolean isVirtual = executorKey == EventLayout.VIRTUAL_EXECUTOR_ID;
            String executorName = executorName(s, r);
            String executorClass = executorClass(s, r);
            // Grouped by executor, not by name: a name given by the application may repeat another.
            String group = s >= 0 && executorKey >= EventLayout.FIRST_EXECUTOR_ID ? "#" + executorKey : executorName;
            executor[k] = executorIndexByKey.computeIfAbsent(group, g -> {
                keptExecutors.add(new Timeline.ExecutorInfo(executorName, executorClass));
                return keptExecutors.size() - 1;
            });
            ThreadRow runThread = r >= 0 ? threads.get(rThread.a[r]) : null;
            String taskName = isThread && !isVirtual && runThread != null ? runThread.name
                    : TaskNames.display(s >= 0 ? classNames.get(sClass.a[s]) : null, isThread);
            name[k] = taskNameIds.computeIfAbsent(taskName, n -> {
                taskNames.add(n);
                return taskNames.size() - 1;
            });
            submit[k] = s >= 0 ? rel(sTime.a[s]) : -1;
            submitThread[k] = s >= 0 ? threadIndex(threads.get(sThread.a[s]), threadInfos) : -1;
            planned[k] = s >= 0 && sPlanned.a[s] != 0 ? rel(sPlanned.a[s]) : -1;
            parent[k] = s >= 0 ? runRefToTask.get(sParent.a[s], -1) : -1;
            flags[k] = (byte) ((isThread ? Timeline.FLAG_THREAD : 0)
                    | (isVirtual ? Timeline.FLAG_VIRTUAL : 0)
                    | (s >= 0 && sRejected.a[s] == 1 ? Timeline.FLAG_REJECTED : 0)
                    | (planned[k] >= 0 ? Timeline.FLAG_SCHEDULED : 0));
            start[k] = -1;
            end[k] = -1;
            thread[k] = -1;
            failure[k] = -1;
            for (int run = r; run >= 0; run = nextRun[run]) {
                long runStart = rel(rStart.a[run]);
                long runEnd = rEnd.a[run] != 0 ? Math.max(runStart, rel(rEnd.a[run])) : -1;
                int runThreadIndex = threadIndex(threads.get(rThread.a[run]), threadInfos);
                segTask[seg] = k;
                segStart[seg] = runStart;
                segEnd[seg] = runEnd;
                segThread[seg++] = runThreadIndex;
                if (start[k] < 0) {
                    start[k] = runStart;
                    thread[k] = runThreadIndex;
                }
                end[k] = runEnd; // the last run decides: -1 while it is still running
                Failure f = rFailure.get(run);
                if (f != null && runEnd >= 0 && failure[k] < 0) {
                    failures.add(f);
                    failure[k] = failures.size() - 1;
                }
            }
        }
        long duration = Math.max(0, endNanos > 0 ? rel(endNanos) : rel(latest));
        Unfinished unfinished = Unfinished.count(kept, flags, start, end, dropped > 0);
        Timeline.Meta meta = new Timeline.Meta(jdk, startEpochMillis, originNanos, duration, dropped,
                partial || partialWhenUnfinished && unfinished.any(), unfinished, source);
        Timeline.Segments segments = new Timeline.Segments(seg, segTask, segStart, segEnd, segThread);
        return new Timeline(meta, List.copyOf(threadInfos), List.copyOf(keptExecutors), List.copyOf(taskNames),
                failures, kept, parent, executor, name, submit, planned, start, end, thread, submitThread, failure, flags,
                segments, runRefToTask);
    }

    /**
     * Executor names need the threads their tasks ran on: the pool's own threads, so a run on the
     * submitting thread (CallerRunsPolicy, a fork-join invoke) does not count.
     */
    private void nameExecutors(int rows, int[] rowSubmit, int[] rowRun) {
        for (int i = 0; i < rows; i++) {
            int s = rowSubmit[i];
            int r = rowRun[i];
            if (s >= 0 && r >= 0 && rThread.a[r] != sThread.a[s]) {
                ExecutorRow e = executors.get(sExecutor.a[s]);
                ThreadRow t = threads.get(rThread.a[r]);
                if (e != null && t != null) {
                    e.threadPrefixes.merge(ExecutorNames.threadPrefix(t.name), 1, Integer::sum);
                }
            }
        }
        ExecutorNames.assign(executors.values().stream().map(e -> new ExecutorNames.Candidate() {
            @Override
            public String userName() {
                return e.userName;
            }

            @Override
            public String className() {
                return e.className;
            }

            @Override
            public int identityHash() {
                return e.identityHash;
            }

            @Override
            public Map<String, Integer> threadPrefixes() {
                return e.threadPrefixes;
            }

            @Override
            public void setName(String name) {
                e.name = name;
            }
        }).toList());
    }

    private static int threadIndex(ThreadRow row, List<Timeline.ThreadInfo> infos) {
        if (row == null) {
            return -1;
        }
        if (row.index < 0) {
            row.index = infos.size();
            infos.add(new Timeline.ThreadInfo(row.name, row.javaId, row.daemon));
        }
        return row.index;
    }

    private long rel(long nanoTime) {
        return Math.max(0, nanoTime - originNanos);
    }

    private String executorName(int s, int r) {
        if (s >= 0) {
            int key = sExecutor.a[s];
            if (key == EventLayout.THREAD_EXECUTOR_ID) {
                return ExecutorNames.THREAD_START;
            }
            if (key == EventLayout.VIRTUAL_EXECUTOR_ID) {
                return ExecutorNames.VIRTUAL_THREADS;
            }
            if (key == EventLayout.OVERFLOW_EXECUTOR_ID) {
                return ExecutorNames.OVERFLOW;
            }
            ExecutorRow e = executors.get(key);
            return e != null && e.name != null ? e.name : ExecutorNames.UNKNOWN;
        }
        return rThreadRun.a[r] == 1 ? ExecutorNames.THREAD_START : ExecutorNames.DIRECT;
    }

    private String executorClass(int s, int r) {
        if (s >= 0) {
            int key = sExecutor.a[s];
            ExecutorRow e = executors.get(key);
            if (e != null) {
                return e.className;
            }
            if (key == EventLayout.VIRTUAL_EXECUTOR_ID) {
                return "java.lang.VirtualThread";
            }
            return key == EventLayout.THREAD_EXECUTOR_ID ? "java.lang.Thread" : "";
        }
        return rThreadRun.a[r] == 1 ? "java.lang.Thread" : "";
    }

    /**
     * Ties runs to submissions, both taken in time order. A task's submission waits in a queue
     * keyed by its identity hash until the first run with that hash takes it. A thread's
     * submission stays: every later run with its hash is another mount of the same (virtual)
     * thread, until a newer thread with the same hash is started.
     */
    private void match(int[] firstRunOfSubmit, int[] submitOfRun, int[] nextRun) {
        int[] submitOrder = Columns.orderBy(sTime.a, sTime.n);
        int[] runOrder = Columns.orderBy(rStart.a, rStart.n);
        Map<Integer, ArrayDeque<Integer>> pendingTasks = new HashMap<>();
        Map<Integer, Integer> startedThreads = new HashMap<>();
        int[] lastRunOfSubmit = new int[sTime.n];
        java.util.Arrays.fill(lastRunOfSubmit, -1);
        int si = 0;
        for (int r : runOrder) {
            long runStart = rStart.a[r];
            while (si < submitOrder.length && sTime.a[submitOrder[si]] <= runStart) {
                int s = submitOrder[si++];
                if (sRejected.a[s] == 1) {
                    continue; // never queued: a retry of the same object is a new submission
                }
                if (EventLayout.isThreadExecutor(sExecutor.a[s])) {
                    startedThreads.put(sHash.a[s], s);
                } else {
                    pendingTasks.computeIfAbsent(sHash.a[s], k -> new ArrayDeque<>()).add(s);
                }
            }
            int hash = rHash.a[r];
            Integer s;
            if (rThreadRun.a[r] == 1) {
                s = startedThreads.get(hash);
            } else {
                ArrayDeque<Integer> queue = pendingTasks.get(hash);
                s = queue == null ? null : queue.poll();
                if (queue != null && queue.isEmpty()) {
                    pendingTasks.remove(hash);
                }
            }
            if (s == null) {
                continue;
            }
            submitOfRun[r] = s;
            int previous = lastRunOfSubmit[s];
            lastRunOfSubmit[s] = r;
            if (previous < 0) {
                firstRunOfSubmit[s] = r;
            } else {
                nextRun[previous] = r;
            }
        }
    }
}
