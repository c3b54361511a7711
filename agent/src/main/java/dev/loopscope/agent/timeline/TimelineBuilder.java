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
 * hash (threads only to {@code Thread.start}, tasks only to executors), taken in time order. Two
 * tasks with the same identity hash queued at the same instant could be swapped; nothing else can.
 */
public final class TimelineBuilder implements RawEvents {

    private static final int NO_EXECUTOR = -1;

    private final TaskFilter filter;
    private final long originNanos;

    private final Map<Integer, ThreadRow> threads = new HashMap<>();
    private final Map<Integer, ExecutorRow> executors = new LinkedHashMap<>();

    // submissions
    private final Columns.Longs sRef = new Columns.Longs();
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
        sRef.add(ref);
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

    /** Builds the timeline; {@code endNanos} is when the recording was taken (0: the last event). */
    public Timeline build(String jdk, long startEpochMillis, long endNanos, boolean partial, String source) {
        int submits = sRef.n;
        int runs = rRef.n;
        // Task rows: one per submission, then one per run that matched none.
        int[] runOfSubmit = new int[submits];
        java.util.Arrays.fill(runOfSubmit, -1);
        int[] submitOfRun = new int[runs];
        java.util.Arrays.fill(submitOfRun, -1);
        match(runOfSubmit, submitOfRun);

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
            rowRun[row] = runOfSubmit[s];
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

        // Executor names need the threads their tasks ran on.
        for (int i = 0; i < rows; i++) {
            int s = rowSubmit[i];
            int r = rowRun[i];
            if (s >= 0 && r >= 0) {
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

        // Filter, then lay the kept rows out in order of first appearance.
        List<Timeline.ExecutorInfo> keptExecutors = new ArrayList<>();
        Map<String, Integer> executorIndexByKey = new HashMap<>();
        List<String> taskNames = new ArrayList<>();
        Map<String, Integer> taskNameIds = new HashMap<>();
        List<Failure> failures = new ArrayList<>();
        Columns.LongIntMap runRefToTask = new Columns.LongIntMap();

        int[] keptRow = new int[rows];
        int kept = 0;
        for (int i : order) {
            int s = rowSubmit[i];
            int r = rowRun[i];
            String executorName = executorName(s, r);
            ThreadRow t = r >= 0 ? threads.get(rThread.a[r]) : null;
            if (filter.keep(executorName, t == null ? null : t.name)) {
                keptRow[kept] = i;
                if (r >= 0) {
                    runRefToTask.put(rRef.a[r], kept);
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
        List<Timeline.ThreadInfo> threadInfos = new ArrayList<>();
        for (int k = 0; k < kept; k++) {
            int i = keptRow[k];
            int s = rowSubmit[i];
            int r = rowRun[i];
            boolean isThread = s >= 0 ? sExecutor.a[s] == EventLayout.THREAD_EXECUTOR_ID : rThreadRun.a[r] == 1;
            String executorName = executorName(s, r);
            String executorClass = executorClass(s, r);
            executor[k] = executorIndexByKey.computeIfAbsent(executorName, n -> {
                keptExecutors.add(new Timeline.ExecutorInfo(n, executorClass));
                return keptExecutors.size() - 1;
            });
            ThreadRow runThread = r >= 0 ? threads.get(rThread.a[r]) : null;
            String taskName = isThread && runThread != null ? runThread.name
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
                    | (s >= 0 && sRejected.a[s] == 1 ? Timeline.FLAG_REJECTED : 0)
                    | (planned[k] >= 0 ? Timeline.FLAG_SCHEDULED : 0));
            if (r >= 0) {
                start[k] = rel(rStart.a[r]);
                end[k] = rEnd.a[r] != 0 ? Math.max(start[k], rel(rEnd.a[r])) : -1;
                thread[k] = threadIndex(runThread, threadInfos);
                Failure f = rFailure.get(r);
                if (f != null && end[k] >= 0) {
                    failures.add(f);
                    failure[k] = failures.size() - 1;
                } else {
                    failure[k] = -1;
                }
            } else {
                start[k] = -1;
                end[k] = -1;
                thread[k] = -1;
                failure[k] = -1;
            }
        }
        long duration = endNanos > 0 ? rel(endNanos) : rel(latest);
        Timeline.Meta meta = new Timeline.Meta(jdk, startEpochMillis, originNanos, Math.max(0, duration), dropped, partial, source);
        return new Timeline(meta, List.copyOf(threadInfos), List.copyOf(keptExecutors), List.copyOf(taskNames),
                failures, kept, parent, executor, name, submit, planned, start, end, thread, submitThread, failure, flags);
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
            ExecutorRow e = executors.get(key);
            return e != null && e.name != null ? e.name : ExecutorNames.UNKNOWN;
        }
        return rThreadRun.a[r] == 1 ? ExecutorNames.THREAD_START : ExecutorNames.DIRECT;
    }

    private String executorClass(int s, int r) {
        if (s >= 0) {
            ExecutorRow e = executors.get(sExecutor.a[s]);
            if (e != null) {
                return e.className;
            }
        }
        return s >= 0 && sExecutor.a[s] == EventLayout.THREAD_EXECUTOR_ID || s < 0 && rThreadRun.a[r] == 1
                ? "java.lang.Thread" : "";
    }

    /**
     * Ties runs to submissions: both in time order, a submission waits in a queue keyed by its
     * identity hash (and whether it is a thread) until the first run of that key takes it.
     */
    private void match(int[] runOfSubmit, int[] submitOfRun) {
        int[] submitOrder = Columns.orderBy(sTime.a, sTime.n);
        int[] runOrder = Columns.orderBy(rStart.a, rStart.n);
        Map<Long, ArrayDeque<Integer>> pending = new HashMap<>();
        int si = 0;
        for (int ri = 0; ri < runOrder.length; ri++) {
            int r = runOrder[ri];
            long runStart = rStart.a[r];
            while (si < submitOrder.length && sTime.a[submitOrder[si]] <= runStart) {
                int s = submitOrder[si++];
                boolean thread = sExecutor.a[s] == EventLayout.THREAD_EXECUTOR_ID;
                pending.computeIfAbsent(key(sHash.a[s], thread), k -> new ArrayDeque<>()).add(s);
            }
            long key = key(rHash.a[r], rThreadRun.a[r] == 1);
            ArrayDeque<Integer> queue = pending.get(key);
            if (queue != null) {
                Integer s = queue.poll();
                if (queue.isEmpty()) {
                    pending.remove(key);
                }
                if (s != null) {
                    runOfSubmit[s] = r;
                    submitOfRun[r] = s;
                }
            }
        }
    }

    private static long key(int hash, boolean thread) {
        return ((long) hash << 1) | (thread ? 1 : 0);
    }
}
