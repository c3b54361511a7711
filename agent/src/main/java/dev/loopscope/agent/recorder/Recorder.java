package dev.loopscope.agent.recorder;

import dev.loopscope.agent.bootstrap.Sink;
import dev.loopscope.agent.jfr.JfrTap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sink that records: each hook call becomes an event in the calling thread's {@link
 * ThreadLog}. Nothing here blocks or takes a lock on the hot path; the only shared writes are the
 * budget's counter (once per chunk) and registrations of new threads, executors and classes.
 */
public final class Recorder extends Sink {

    private final MemoryBudget budget;
    private final ExecutorTable executors;
    private final ClassTable classes = new ClassTable();
    private final ConcurrentLinkedQueue<ThreadLog> logs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextSlot = new AtomicInteger(1);
    private final Set<Thread> agentThreads = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<ThreadLog> threadLog = ThreadLocal.withInitial(this::newLog);
    private final long startNanos = System.nanoTime();
    private final long startEpochMillis = System.currentTimeMillis();

    public Recorder(long bufferBytes) {
        this.budget = new MemoryBudget(bufferBytes);
        this.executors = new ExecutorTable(budget);
    }

    /** Marks {@code thread} as the agent's own: nothing it does is recorded. Call before start. */
    public void registerAgentThread(Thread thread) {
        agentThreads.add(thread);
    }

    private ThreadLog newLog() {
        Thread t = Thread.currentThread();
        ThreadLog log = new ThreadLog(nextSlot.getAndIncrement(), t, agentThreads.contains(t), budget);
        if (!log.ignored) {
            logs.add(log);
        }
        return log;
    }

    private ThreadLog log() {
        return threadLog.get();
    }

    // ---- hooks ----

    @Override
    public long submitted(Object executor, Object task) {
        ThreadLog log = log();
        if (log.ignored) {
            return 0L;
        }
        return submit(log, EventLayout.TYPE_SUBMIT, task, System.nanoTime(), executorId(log, executor), 0L);
    }

    private long submit(ThreadLog log, int type, Object task, long now, int executorId, long planned) {
        int hash = System.identityHashCode(task);
        int classId = classes.idOf(task.getClass());
        long ref = log.submit(type, hash, now, executorId, classId, planned);
        if (JfrTap.active()) {
            JfrTap.submitted(ref, hash, now, Math.max(0L, log.currentRun()), executorId, classes.name(classId), planned);
        }
        return ref;
    }

    @Override
    public void scheduled(Object executor, Object task) {
        ThreadLog log = log();
        if (log.ignored) {
            return;
        }
        // The planned start may lie in the past (a fixed-rate task that overran): kept as is, so
        // the report shows the drift.
        long now = System.nanoTime();
        submit(log, EventLayout.TYPE_SCHEDULE, task, now, executorId(log, executor), PlannedStart.of(task, now));
    }

    @Override
    public void submitFailed(long token) {
        log().markRejected(token);
        if (JfrTap.active()) {
            JfrTap.rejected(token);
        }
    }

    @Override
    public long runStarted(Object task) {
        ThreadLog log = log();
        if (log.ignored) {
            return 0L;
        }
        return runStart(log, EventLayout.TYPE_RUN, System.identityHashCode(task),
                task instanceof CompletableFuture.AsynchronousCompletionTask);
    }

    private long runStart(ThreadLog log, int type, int hash, boolean stage) {
        long now = System.nanoTime();
        long ref = log.runStart(type, hash, now, stage);
        if (JfrTap.active()) {
            log.attachTap(JfrTap.runStarted(ref, hash, type == EventLayout.TYPE_THREAD_RUN, now));
        }
        return ref;
    }

    private void runEnd(ThreadLog log, long ref, long now) {
        Object tap = log.tapOf(ref);
        log.runEnd(ref, now);
        if (tap != null) {
            JfrTap.runEnded(tap, ref, now, log.failureOf(ref));
        }
    }

    @Override
    public void runEnded(long token, Object task, Throwable thrown) {
        long now = System.nanoTime();
        ThreadLog log = log();
        Throwable failure = thrown != null ? thrown : failureOf(task);
        if (failure != null) {
            log.runFailed(token, failure);
        }
        runEnd(log, token, now);
    }

    @Override
    public void stageFailed(Throwable x) {
        ThreadLog log = log();
        if (!log.ignored && log.currentRunIsStage()) {
            log.runFailed(log.currentRun(), x);
        }
    }

    @Override
    public void executorNamed(Object executor, String name) {
        executors.name(executor, name);
    }

    @Override
    public void executorWrapped(Object wrapper, Object inner) {
        executors.alias(wrapper, inner);
    }

    @Override
    public boolean isRecording() {
        return true;
    }

    @Override
    public long threadStarting(Thread thread) {
        if (agentThreads.contains(thread)) {
            return 0L;
        }
        ThreadLog log = log();
        if (log.ignored) {
            return 0L;
        }
        return submit(log, EventLayout.TYPE_SUBMIT, thread, System.nanoTime(), EventLayout.THREAD_EXECUTOR_ID, 0L);
    }

    @Override
    public void threadRunning(Thread thread) {
        if (thread != Thread.currentThread()) {
            return; // someone called run() directly: an ordinary method call, not a thread starting
        }
        ThreadLog log = log();
        if (log.ignored || log.threadRun != 0L) {
            return;
        }
        log.threadRun = runStart(log, EventLayout.TYPE_THREAD_RUN, System.identityHashCode(thread), false);
    }

    @Override
    public void threadFailed(Thread thread, Throwable uncaught) {
        if (thread != Thread.currentThread()) {
            return;
        }
        ThreadLog log = log();
        if (!log.ignored && log.threadRun > 0) {
            log.runFailed(log.threadRun, uncaught);
        }
    }

    @Override
    public void threadExiting(Thread thread) {
        if (thread != Thread.currentThread()) {
            return;
        }
        ThreadLog log = threadLog.get();
        if (log.ignored) {
            return;
        }
        log.threadExiting();
        if (log.threadRun != 0L) {
            runEnd(log, log.threadRun, System.nanoTime());
            log.threadRun = 0L;
        }
    }

    private int executorId(ThreadLog log, Object executor) {
        if (executor == null) {
            executor = currentPool();
            if (executor == null) {
                return EventLayout.UNKNOWN_EXECUTOR_ID;
            }
        }
        if (log.lastExecutorKey == executor) {
            return log.lastExecutorId;
        }
        int id = executors.idOf(executor);
        // A strong reference from the log, but only to the last executor of a live thread's log;
        // cleared when the thread exits (see threadExiting) so dead threads hold no executors.
        log.lastExecutorKey = executor;
        log.lastExecutorId = id;
        return id;
    }

    private static Object currentPool() {
        Thread t = Thread.currentThread();
        return t instanceof ForkJoinWorkerThread ? ((ForkJoinWorkerThread) t).getPool() : null;
    }

    /**
     * The failure a JDK task swallowed: a ForkJoinTask or FutureTask records its exception instead
     * of letting it escape {@code run()}. Only JDK classes are asked, since only their {@code
     * get()} is known not to block once {@code isDone()}.
     */
    private static Throwable failureOf(Object task) {
        if (task instanceof ForkJoinTask) {
            ForkJoinTask<?> fj = (ForkJoinTask<?>) task;
            return fj.isCompletedAbnormally() ? fj.getException() : null;
        }
        if (task instanceof Future && task.getClass().getName().startsWith("java.util.concurrent.")) {
            Future<?> f = (Future<?>) task;
            if (!f.isDone()) {
                return null;
            }
            try {
                f.get();
                return null;
            } catch (ExecutionException e) {
                return e.getCause() != null ? e.getCause() : e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (RuntimeException e) {
                return e; // CancellationException
            }
        }
        return null;
    }

    // ---- reading ----

    /** Everything recorded so far; logs keep filling while the snapshot is read. */
    public Snapshot snapshot() {
        List<ThreadLog> all = new ArrayList<>(logs);
        long dropped = 0;
        for (ThreadLog log : all) {
            dropped += log.droppedEvents();
        }
        return new Snapshot(all, executors.executors(), classes::name, dropped, budget.reservedBytes(),
                budget.limitBytes(), startNanos, startEpochMillis);
    }
}
