package dev.loopscope.agent.recorder;

import dev.loopscope.agent.bootstrap.Sink;
import dev.loopscope.agent.config.AgentOptions;
import dev.loopscope.agent.detect.Detector;
import dev.loopscope.agent.detect.LoopThread;
import dev.loopscope.agent.internal.FaultInjection;
import dev.loopscope.agent.jfr.JfrTap;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>One rule keeps a log single-writer: between fetching the log ({@link #log()}) and the last
 * write to it, nothing may block. A virtual thread records into its carrier's log, and on JDK
 * 24+ it can unmount wherever it blocks, even on a monitor; it would then be writing into a log
 * that another thread now owns. So a log that virtual threads may share ({@link
 * ThreadLog#mayChangeHands}) is fetched again after every lookup that might block (a class or
 * executor seen for the first time, application code such as {@code getMessage()}); a platform
 * thread's own log never changes hands and is fetched once.
 */
public final class Recorder extends Sink {

    private final MemoryBudget budget;
    /** False for detection only ({@code timeline=false}): no event is written, none is counted as dropped. */
    private final boolean timeline;
    private final ExecutorTable executors;
    private final ClassTable classes = new ClassTable();
    private final ConcurrentLinkedQueue<ThreadLog> logs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextSlot = new AtomicInteger(1);
    /**
     * The listed logs whose threads have not exited: what a {@link #mark()} reads. Lock-free like
     * {@link #logs} (a log is made inside a hook, where nothing may block); removal walks it, once
     * per thread exit.
     */
    private final ConcurrentLinkedQueue<ThreadLog> liveLogs = new ConcurrentLinkedQueue<>();
    /** The listed logs whose threads have exited, in order: a snapshot since a mark reads those after it. */
    private final ClosedLogs closedLogs;
    /**
     * The harness's marks still in use (held weakly: a mark its test dropped is not waited for).
     * Only logs closed before all of them can be freed.
     */
    private final java.util.Map<RecordingMark, Boolean> marksInUse =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final java.util.concurrent.locks.ReentrantLock evicting = new java.util.concurrent.locks.ReentrantLock();
    /** Closed logs numbered up to this have been freed (guarded by {@link #evicting}). */
    private long evictedUpTo;
    private final java.util.concurrent.atomic.AtomicLong evictedLogs = new java.util.concurrent.atomic.AtomicLong();
    /** The agent's own threads; compared by identity, as a Thread subclass may override equals. */
    private final java.util.List<Thread> agentThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Per carrier, where the JDK has virtual threads: a virtual thread records into its carrier's log. */
    private final ThreadLocal<ThreadLog> threadLog = VirtualThreads.carrierLocal();
    /** The same logs by thread, for the threads whose thread-locals are erased under them. */
    private final LogsByThread logsByThread = new LogsByThread();
    private final Object virtualThreadScheduler = VirtualThreads.defaultScheduler();
    private final long startNanos = System.nanoTime();
    private final long startEpochMillis = System.currentTimeMillis();

    /** Finds blocking calls and stalls on loop threads; null when detection is off. */
    private volatile Detector detector;

    /** Told of each Thread subclass at its first start (see ThreadSubclassHooks); none by default. */
    private volatile java.util.function.Consumer<Class<?>> threadClassListener = type -> { };
    private final ClassValue<Boolean> threadClassesSeen = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            threadClassListener.accept(type);
            return Boolean.TRUE;
        }
    };

    public Recorder(long bufferBytes) {
        this(bufferBytes, true);
    }

    /**
     * @param timeline false for detection only: the hooks then record no event, and keep just
     *     the nesting of runs that tells the detector which task a loop thread is in
     */
    public Recorder(long bufferBytes, boolean timeline) {
        this.timeline = timeline;
        this.budget = new MemoryBudget(bufferBytes);
        this.executors = new ExecutorTable(budget);
        this.closedLogs = new ClosedLogs(budget.limitBytes() / ThreadLog.LOG_BYTES);
        // Their static set-up (reflective lookups) now, not inside a JDK lock at the first submission.
        try {
            MethodHandles.lookup().ensureInitialized(TaskClasses.class);
            MethodHandles.lookup().ensureInitialized(PlannedStart.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who to tell when a Thread subclass is started for the first time. */
    public void onThreadClassStarting(java.util.function.Consumer<Class<?>> listener) {
        this.threadClassListener = listener;
    }

    /** Hands loop threads' task runs and blocking calls to {@code d}. Call before the hooks are installed. */
    public void detectWith(Detector d) {
        this.detector = d;
    }

    /** Marks {@code thread} as the agent's own: nothing it does is recorded. Call before start. */
    public void registerAgentThread(Thread thread) {
        agentThreads.add(thread);
    }

    private boolean isAgentThread(Thread t) {
        for (Thread agent : agentThreads) {
            if (agent == t) {
                return true;
            }
        }
        return false;
    }

    private ThreadLog newLog(Thread t) {
        boolean ignored = isAgentThread(t);
        boolean listed = !ignored && budget.tryReserve(ThreadLog.LOG_BYTES);
        // Only listed logs record, so only they need a slot (refs of slot 0 are never made).
        ThreadLog log = new ThreadLog(listed ? nextSlot.getAndIncrement() : 0, t, ignored, listed, budget,
                VirtualThreads.isCarrier(t));
        if (listed) {
            logs.add(log);
            liveLogs.add(log);
        }
        logsByThread.add(t, log);
        return log;
    }

    /** Once nothing more fits, hooks count a drop and return before reading clocks or tables. */
    private static boolean isFull(ThreadLog log, int words) {
        if (!log.full(words) || log.ignored || JfrTap.active()) {
            return false;
        }
        log.countDrop();
        return true;
    }

    private ThreadLog log() {
        ThreadLog log = threadLog.get();
        if (log == null) {
            Thread t = Thread.currentThread();
            log = logsByThread.find(t); // not the first call: the pool erased the thread-locals
            if (log == null) {
                log = newLog(t);
            }
            threadLog.set(log);
        }
        return log;
    }

    // ---- hooks ----

    @Override
    public long submitted(Object executor, Object task) {
        if (!timeline) {
            return 0L;
        }
        ThreadLog first = log();
        if (first.ignored || executor != null && executor == virtualThreadScheduler || executor == null && first.carrier) {
            return 0L; // the scheduler's continuations are recorded as the virtual threads' mounts
        }
        if (isFull(first, EventLayout.SUBMIT_WORDS)) {
            return 0L;
        }
        long now = System.nanoTime();
        int classId = classes.idOf(TaskClasses.of(task));
        int executorId = executorId(current(first), executor);
        return write(first, EventLayout.TYPE_SUBMIT, task, now, executorId, classId, 0L);
    }

    @Override
    public long scheduled(Object executor, Object task) {
        if (!timeline) {
            return 0L;
        }
        ThreadLog first = log();
        if (first.ignored || isFull(first, EventLayout.SCHEDULE_WORDS)) {
            return 0L;
        }
        long now = System.nanoTime();
        // The planned start may lie in the past (a fixed-rate task that overran): kept as is, so
        // the report shows the drift.
        long planned = PlannedStart.of(task, now);
        int classId = classes.idOf(TaskClasses.of(task));
        int executorId = executorId(current(first), executor);
        return write(first, EventLayout.TYPE_SCHEDULE, task, now, executorId, classId, planned);
    }

    /**
     * The current thread's log now, after lookups that may have blocked since {@code first} was
     * fetched: a virtual thread may since have moved to another carrier (see the class comment).
     */
    private ThreadLog current(ThreadLog first) {
        return first.mayChangeHands ? log() : first;
    }

    /** Appends a submission to the current thread's log; {@code first} is the log fetched before the lookups. */
    private long write(ThreadLog first, int type, Object task, long now, int executorId, int classId, long planned) {
        if (FaultInjection.RECORDER) {
            FaultInjection.recorderEvent();
        }
        ThreadLog log = current(first);
        int hash = System.identityHashCode(task);
        long ref = log.submit(type, hash, now, executorId, classId, planned);
        if (JfrTap.active()) {
            JfrTap.submitted(ref, hash, now, Math.max(0L, log.currentRun()), executorId, classes.name(classId), planned);
        }
        return ref;
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
        if (log.ignored || log.carrier) {
            return 0L; // on a carrier, the only tasks are continuations: see virtualThreadMounting
        }
        long ref;
        long now = 0L;
        if (!timeline) {
            ref = log.runNotRecorded();
        } else if (log.full(EventLayout.RUN_WORDS) && !JfrTap.active()) {
            ref = log.runDropped();
        } else {
            now = System.nanoTime();
            ref = runStart(log, EventLayout.TYPE_RUN, System.identityHashCode(task),
                    task instanceof CompletableFuture.AsynchronousCompletionTask, now);
        }
        LoopThread loop = loopThread(log);
        if (loop != null) {
            // the run's recorded start, when there is one: one clock read per start, not two
            loop.taskStarted(ref, now != 0L ? now : System.nanoTime());
        }
        return ref;
    }

    /**
     * The current thread's loop state, decided again when its name or the loop marks changed.
     * The name and epoch are stored first, so that a hook re-entered from inside the decision
     * (a Netty thread's own {@code permitBlockingCalls()}) takes the old answer instead of recursing.
     */
    private LoopThread loopThread(ThreadLog log) {
        Detector d = detector;
        if (d == null) {
            return null;
        }
        Thread t = Thread.currentThread();
        String name = t.getName();
        int epoch = d.epoch();
        if (log.loopName != name || log.loopEpoch != epoch) { // identity: a renamed thread has a new String
            log.loopName = name;
            log.loopEpoch = epoch;
            log.loop = d.classify(t, name, log.pool, log.loop);
        }
        return log.loop;
    }

    private long runStart(ThreadLog log, int type, int hash, boolean stage, long now) {
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
        if (token < 0 && (!timeline || !JfrTap.active())) {
            ThreadLog log = log();
            log.runEnd(token, 0L); // a run that was not recorded: only its nesting to undo
            if (log.loop != null) {
                detector.taskEnded(log.loop, System.nanoTime());
            }
            return;
        }
        long now = System.nanoTime();
        Throwable failure = thrown != null ? thrown : failureOf(task);
        // Failure.of calls getMessage(), application code: done before the log is fetched.
        Failure captured = failure != null ? Failure.of(failure) : null;
        ThreadLog log = log();
        if (captured != null) {
            log.runFailed(token, captured);
        }
        runEnd(log, token, now);
        if (log.loop != null) {
            detector.taskEnded(log.loop, now);
        }
    }

    @Override
    public void stageFailed(Throwable x) {
        if (!log().currentRunIsStage() || DependentCompletion.inProgress()) {
            return;
        }
        Failure captured = Failure.of(x);
        ThreadLog log = log();
        if (!log.ignored && log.currentRunIsStage()) {
            log.runFailed(log.currentRun(), captured);
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
        if (!timeline || isAgentThread(thread)) {
            return 0L;
        }
        if (VirtualThreads.isVirtual(thread)) {
            return started(thread, EventLayout.VIRTUAL_EXECUTOR_ID);
        }
        if (thread.getClass() != Thread.class) {
            threadClassesSeen.get(thread.getClass()); // may retransform the class: before the log is fetched
        }
        return started(thread, EventLayout.THREAD_EXECUTOR_ID);
    }

    /** A thread's start, as the submission of the task that the thread is. */
    private long started(Thread thread, int executorId) {
        long now = System.nanoTime();
        int classId = classes.idOf(thread.getClass());
        ThreadLog log = log();
        if (log.ignored) {
            return 0L;
        }
        return write(log, EventLayout.TYPE_SUBMIT, thread, now, executorId, classId, 0L);
    }

    @Override
    public void threadRunning(Thread thread) {
        if (thread != Thread.currentThread()) {
            return; // someone called run() directly: an ordinary method call, not a thread starting
        }
        if (!timeline) {
            return;
        }
        ThreadLog log = log();
        if (log.ignored || log.threadRun != 0L) {
            return;
        }
        log.threadRun = runStart(log, EventLayout.TYPE_THREAD_RUN, System.identityHashCode(thread), false, System.nanoTime());
    }

    @Override
    public void threadFailed(Thread thread, Throwable uncaught) {
        if (thread != Thread.currentThread()) {
            return;
        }
        if (!timeline) {
            return;
        }
        Failure captured = Failure.of(uncaught);
        ThreadLog log = log();
        if (log.ignored) {
            return;
        }
        // A virtual thread fails inside its current mount, which is on its carrier's log.
        long run = VirtualThreads.isVirtual(thread) ? log.currentRun() : log.threadRun;
        if (run > 0) {
            log.runFailed(run, captured);
        }
    }

    @Override
    public long virtualThreadMounting(Thread thread) {
        ThreadLog log = log();
        if (log.ignored || !timeline) {
            return 0L;
        }
        return runStart(log, EventLayout.TYPE_THREAD_RUN, System.identityHashCode(thread), false, System.nanoTime());
    }

    @Override
    public void virtualThreadUnmounted(long token) {
        if (!timeline) {
            return;
        }
        runEnd(log(), token, System.nanoTime());
    }

    @Override
    public void threadExiting(Thread thread) {
        if (thread != Thread.currentThread()) {
            return;
        }
        ThreadLog log = log();
        logsByThread.remove(thread);
        if (log.ignored) {
            return;
        }
        log.threadExiting();
        log.pool = null;
        if (log.threadRun != 0L) {
            runEnd(log, log.threadRun, System.nanoTime());
            log.threadRun = 0L;
        }
        // its last event is written: marks from now on can pass over this log (not a carrier's:
        // a virtual thread exiting does not end the log it shares)
        if (log.listed && !log.carrier && log.threadId() == thread.getId()) {
            long number = closedLogs.add(log);
            if (number != 0L) { // else not filed: it stays with the live logs
                log.closeAs(number);
                liveLogs.remove(log);
            }
        }
    }

    @Override
    public void workerStarting(Object executor) {
        ThreadLog log = log();
        log.pool = executor;
        log.loopEpoch = -1; // decide again: the pool may be marked as a loop
    }

    @Override
    public long blockingEnter(int api, Object target) {
        ThreadLog log = log();
        if (log.ignored || log.carrier || log.inBlockingHook) {
            return 0L; // a virtual thread (or its carrier) may block: only pinning is reported
        }
        // Deciding a thread's kind may load classes or lock, which enter blocking hooks again.
        log.inBlockingHook = true;
        try {
            LoopThread loop = loopThread(log);
            if (loop == null) {
                return 0L;
            }
            return detector.blockingEnter(loop, api, target, Math.max(0L, log.currentRun())) ? 1L : 0L;
        } finally {
            log.inBlockingHook = false;
        }
    }

    @Override
    public void blockingExit(long token) {
        ThreadLog log = log();
        Detector d = detector;
        if (log.loop != null && d != null) {
            d.blockingExit(log.loop);
        }
    }

    @Override
    public long pinnedEnter() {
        Detector d = detector;
        // the carrier's log: its run in progress is this virtual thread's mount, so the finding names its task
        return d != null && d.pinnedEnter(Math.max(0L, log().currentRun())) ? 1L : 0L;
    }

    @Override
    public void pinnedExit() {
        Detector d = detector;
        if (d != null) {
            d.pinnedExit();
        }
    }

    @Override
    public void markLoop(Object threadOrExecutor) {
        Detector d = detector;
        if (d == null) {
            return;
        }
        if (threadOrExecutor instanceof Thread) {
            d.loops().markThread((Thread) threadOrExecutor);
        } else {
            d.loops().markExecutor(executors.unwrap(threadOrExecutor));
        }
    }

    @Override
    public void deliverFindings() {
        Detector d = detector;
        if (d != null) {
            d.findings().deliverFrom();
        }
    }

    @Override
    public java.util.List<java.util.Map<String, Object>> takeFindings() {
        Detector d = detector;
        return d == null ? java.util.List.of() : dev.loopscope.agent.detect.FindingMaps.of(d.findings().takeDelivered());
    }

    @Override
    public String allowBlocking(String entry) {
        String error = AgentOptions.allowEntryError(entry);
        Detector d = detector;
        if (error == null && d != null) {
            d.allowList().add(entry);
        }
        return error;
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
        // The lookup may have blocked and moved a virtual thread to another carrier: cache the id
        // in the log of the thread we are on now. A strong reference, but only to the last
        // executor of a live thread; cleared when the thread exits, so dead threads hold none.
        ThreadLog current = log();
        current.lastExecutorKey = executor;
        current.lastExecutorId = id;
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

    /** Every executor registered so far, in id order. */
    public List<ExecutorInfo> executors() {
        return executors.executors();
    }

    /**
     * Where every log stands now, by slot: a snapshot {@link Snapshot#since since} this mark
     * replays only what was recorded after it (a test's own tasks, without the whole run before).
     */
    public RecordingMark mark() {
        try {
            evictIfLow();
        } catch (RuntimeException | Error e) {
            // freeing is housekeeping: a fault in it must not take the harness's recording down
        }
        java.util.Map<Integer, Long> positions = new java.util.HashMap<>();
        for (ThreadLog log : liveLogs) {
            positions.put(log.slot(), log.committedWords());
        }
        // The count is read after the live logs: a thread closes its log before leaving them, so a
        // log missing above was either closed by now (nothing of it after the mark) or is new (all
        // of it is). Counted and registered at once: a concurrent free must not take what it needs.
        synchronized (marksInUse) {
            RecordingMark mark = new RecordingMark(positions, closedLogs.count());
            marksInUse.put(mark, Boolean.TRUE);
            return mark;
        }
    }

    /** The harness is done with {@code mark}: what it alone held back may be freed. */
    public void release(RecordingMark mark) {
        marksInUse.remove(mark);
    }

    /** How many logs of exited threads were freed for new recording; the whole-run reports lack them. */
    public long evictedLogs() {
        return evictedLogs.get();
    }

    /**
     * When three quarters of the buffer are spent, frees the logs of threads that exited before
     * every mark in use (so no test's snapshot needs them), and gives their memory back: a suite of
     * thousands of tests, each starting threads, keeps recording each test. Only the harness takes
     * marks, so only under the harness does this happen; it runs on the harness's thread, and one
     * at a time (another caller just goes on).
     */
    private void evictIfLow() {
        if (budget.reservedBytes() < budget.limitBytes() / 4 * 3 && !budget.isExhausted() || !evicting.tryLock()) {
            return;
        }
        try {
            long bound;
            synchronized (marksInUse) {
                bound = closedLogs.count();
                for (RecordingMark m : marksInUse.keySet()) {
                    bound = Math.min(bound, m.closedLogs);
                }
            }
            if (bound <= evictedUpTo) {
                return;
            }
            List<ThreadLog> freed = new ArrayList<>();
            evictedUpTo = closedLogs.takeRange(evictedUpTo, bound, freed);
            long bytes = 0;
            for (ThreadLog log : freed) {
                bytes += log.evict();
            }
            if (!freed.isEmpty()) {
                logs.removeIf(ThreadLog::isEvicted);
                evictedLogs.addAndGet(freed.size());
                budget.release(bytes);
            }
        } finally {
            evicting.unlock();
        }
    }

    /** Answers the harness's questions about the recording; see {@link #answerWith}. */
    public interface Queries {
        java.util.List<java.util.Map<String, Object>> tasksSince(Object mark);

        String writeReportSince(Object mark, long fromNanoTime, String htmlFile);
    }

    private volatile Queries queries;

    /** Who builds timelines and reports for the harness (the report side, which the recorder does not know). */
    public void answerWith(Queries q) {
        this.queries = q;
    }

    @Override
    public boolean recordingFull() {
        return budget.isExhausted();
    }

    /** The first OutOfMemoryError of a log taking more memory (the recorder took no more after it), or null. */
    public OutOfMemoryError heapError() {
        return budget.heapError();
    }

    @Override
    public Object markRecording() {
        return mark();
    }

    @Override
    public void releaseMark(Object mark) {
        if (mark instanceof RecordingMark) {
            release((RecordingMark) mark);
        }
    }

    @Override
    public java.util.List<java.util.Map<String, Object>> tasksSince(Object mark) {
        Queries q = queries;
        return q == null ? java.util.List.of() : q.tasksSince(mark);
    }

    @Override
    public String writeReportSince(Object mark, long fromNanoTime, String htmlFile) {
        Queries q = queries;
        return q == null ? "the agent cannot write reports here" : q.writeReportSince(mark, fromNanoTime, htmlFile);
    }

    /** Everything recorded so far; logs keep filling while the snapshot is read. */
    public Snapshot snapshot() {
        return snapshotOf(new ArrayList<>(logs));
    }

    /**
     * What was recorded after {@code mark}: read from the logs alive now and those closed since,
     * not from every log (a long test suite has thousands, and the harness asks once per test).
     */
    public Snapshot snapshotSince(RecordingMark mark) {
        // the live logs first: a closing log is stored with the closed ones before it leaves them
        List<ThreadLog> since = new ArrayList<>(liveLogs);
        closedLogs.addRange(mark.closedLogs, closedLogs.count(), since);
        java.util.Set<ThreadLog> unique = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        since.removeIf(log -> !unique.add(log));
        since.sort(java.util.Comparator.comparingInt(ThreadLog::slot));
        // and only the executors its submissions name, looked up as they come (one per test that made a loop)
        return snapshotOf(since, List.of()).since(mark, executors::byId);
    }

    private Snapshot snapshotOf(List<ThreadLog> all) {
        return snapshotOf(all, executors.executors());
    }

    private Snapshot snapshotOf(List<ThreadLog> all, List<ExecutorInfo> executorInfos) {
        long dropped = budget.droppedUnlisted();
        for (ThreadLog log : all) {
            dropped += log.droppedEvents();
        }
        return new Snapshot(all, executorInfos, classes::name, dropped, budget.reservedBytes(),
                budget.limitBytes(), startNanos, startEpochMillis);
    }
}
