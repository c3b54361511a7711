package dev.loopscope.agent.bootstrap;

/**
 * Static entry points that advice inlined into JDK classes calls.
 *
 * <p>Every method here is on some application's hot path and inside JDK code that must keep its
 * own invariants (locks held, queues half-updated), so each one catches everything its sink
 * throws: the first fault switches recording off and is reported once on stderr, and the
 * application carries on as if no agent were there.
 */
public final class Hooks {

    private static volatile Sink sink = Sink.NONE;
    private static volatile FaultListener faultListener;
    private static volatile Tracker tracker = Tracker.NONE;
    /** Set once by the harness, never cleared: until then the tracking hooks cost one read of this field. */
    private static volatile boolean tracking;
    /** For the fault paths only: two threads faulting at once must still report the fault once. */
    private static final java.lang.invoke.VarHandle SINK;
    private static final java.lang.invoke.VarHandle TRACKER;

    static {
        try {
            java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
            SINK = lookup.findStaticVarHandle(Hooks.class, "sink", Sink.class);
            TRACKER = lookup.findStaticVarHandle(Hooks.class, "tracker", Tracker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Hooks() {
    }

    /** Receives the first fault of a sink (the recorder reports it and switches off). */
    public interface FaultListener {
        void onFault(String where, Throwable fault);
    }

    public static void install(Sink newSink, FaultListener listener) {
        faultListener = listener;
        sink = newSink;
    }

    public static void uninstall() {
        sink = Sink.NONE;
    }

    public static void installTracker(Tracker newTracker) {
        tracker = newTracker;
    }

    public static long submitted(Object executor, Object task) {
        if (task == null) {
            return 0L; // the JDK method is about to throw NullPointerException itself
        }
        if (tracking) {
            trackSubmitted(task);
        }
        try {
            return sink.submitted(executor, task);
        } catch (Throwable t) {
            fault("submit", t);
            return 0L;
        }
    }

    public static long scheduled(Object executor, Object task) {
        if (task == null) {
            return 0L;
        }
        if (tracking) {
            trackSubmitted(task);
        }
        try {
            return sink.scheduled(executor, task);
        } catch (Throwable t) {
            fault("schedule", t);
            return 0L;
        }
    }

    public static void submitFailed(long token) {
        if (token == 0L) {
            return;
        }
        try {
            sink.submitFailed(token);
        } catch (Throwable t) {
            fault("submit", t);
        }
    }

    public static long runStarted(Object task) {
        if (task == null) {
            return 0L;
        }
        if (tracking) {
            try {
                tracker.taskStarting(task);
            } catch (Throwable t) {
                trackerFault("run", t);
            }
        }
        try {
            return sink.runStarted(task);
        } catch (Throwable t) {
            fault("run", t);
            return 0L;
        }
    }

    public static void runEnded(long token, Object task, Throwable thrown) {
        if (tracking && task != null) {
            try {
                tracker.taskEnded(task);
            } catch (Throwable t) {
                trackerFault("run", t);
            }
        }
        if (token == 0L) {
            return;
        }
        try {
            sink.runEnded(token, task, thrown);
        } catch (Throwable t) {
            fault("run", t);
        }
    }

    /**
     * Runs one task of a {@code ThreadPoolExecutor} worker; the worker loop's own call to {@code
     * task.run()} is replaced by this one, so that subclasses overriding {@code beforeExecute}
     * and {@code afterExecute} without calling {@code super} are still seen. Whatever the task
     * throws is rethrown unchanged.
     */
    public static void runTask(Runnable task) {
        long token = runStarted(task);
        Throwable thrown = null;
        try {
            task.run();
        } catch (Throwable t) {
            thrown = t;
            throw t;
        } finally {
            runEnded(token, task, thrown);
        }
    }

    public static void stageFailed(Throwable x) {
        try {
            sink.stageFailed(x);
        } catch (Throwable t) {
            fault("stage", t);
        }
    }

    public static void executorNamed(Object executor, String name) {
        try {
            sink.executorNamed(executor, name);
        } catch (Throwable t) {
            fault("name executor", t);
        }
    }

    public static void executorWrapped(Object wrapper, Object inner) {
        if (inner == null) {
            return;
        }
        try {
            sink.executorWrapped(wrapper, inner);
        } catch (Throwable t) {
            fault("wrap executor", t);
        }
    }

    public static boolean isRecording() {
        return sink.isRecording();
    }

    public static long threadStarting(Thread thread) {
        if (tracking) {
            try {
                tracker.threadStarting(thread);
            } catch (Throwable t) {
                trackerFault("thread start", t);
            }
        }
        try {
            return sink.threadStarting(thread);
        } catch (Throwable t) {
            fault("thread start", t);
            return 0L;
        }
    }

    public static long virtualThreadMounting(Thread thread) {
        try {
            return sink.virtualThreadMounting(thread);
        } catch (Throwable t) {
            fault("virtual thread mount", t);
            return 0L;
        }
    }

    public static void virtualThreadUnmounted(long token) {
        if (token == 0L) {
            return;
        }
        try {
            sink.virtualThreadUnmounted(token);
        } catch (Throwable t) {
            fault("virtual thread unmount", t);
        }
    }

    public static void threadRunning(Thread thread) {
        try {
            sink.threadRunning(thread);
        } catch (Throwable t) {
            fault("thread run", t);
        }
    }

    public static void threadFailed(Thread thread, Throwable uncaught) {
        try {
            sink.threadFailed(thread, uncaught);
        } catch (Throwable t) {
            fault("thread failure", t);
        }
    }

    public static void threadExiting(Thread thread) {
        try {
            sink.threadExiting(thread);
        } catch (Throwable t) {
            fault("thread exit", t);
        }
    }

    /** The worker loop of a ThreadPoolExecutor begins on the current thread. */
    public static void workerStarting(Object executor) {
        try {
            sink.workerStarting(executor);
        } catch (Throwable t) {
            fault("worker start", t);
        }
    }

    /**
     * A hooked blocking method is entered; {@code api} is its id, {@code target} the object it
     * is called on (null if static). Returns a token for {@link #blockingExit}, 0 if nothing is
     * recorded (the usual case: not a loop thread).
     */
    public static long blockingEnter(int api, Object target) {
        try {
            return sink.blockingEnter(api, target);
        } catch (Throwable t) {
            fault("blocking call", t);
            return 0L;
        }
    }

    public static void blockingExit(long token) {
        if (token == 0L) {
            return;
        }
        try {
            sink.blockingExit(token);
        } catch (Throwable t) {
            fault("blocking call", t);
        }
    }

    /** The current virtual thread parks while pinned to its carrier; a token for {@link #pinnedExit}. */
    public static long pinnedEnter() {
        try {
            return sink.pinnedEnter();
        } catch (Throwable t) {
            fault("pinned virtual thread", t);
            return 0L;
        }
    }

    public static void pinnedExit(long token) {
        if (token == 0L) {
            return;
        }
        try {
            sink.pinnedExit();
        } catch (Throwable t) {
            fault("pinned virtual thread", t);
        }
    }

    private static volatile int sleepApi = -1;
    private static volatile int waitApi = -1;

    /** The API ids of the call-site substitutes below. */
    public static void nativeApis(int sleep, int wait) {
        sleepApi = sleep;
        waitApi = wait;
    }

    /**
     * Replaces calls of {@code Thread.sleep(long)} in application classes where that method is
     * native (JDK 17–18), since advice cannot enter a native method.
     */
    public static void sleep(long millis) throws InterruptedException {
        long token = blockingEnter(sleepApi, null);
        try {
            Thread.sleep(millis);
        } finally {
            blockingExit(token);
        }
    }

    /** Replaces calls of {@code Object.wait(long)} in application classes where that method is native. */
    public static void waitOn(Object monitor, long millis) throws InterruptedException {
        long token = blockingEnter(waitApi, monitor);
        try {
            monitor.wait(millis);
        } finally {
            blockingExit(token);
        }
    }

    /** The application marks a thread or an executor as a loop. */
    public static void markLoop(Object threadOrExecutor) {
        try {
            sink.markLoop(threadOrExecutor);
        } catch (Throwable t) {
            fault("mark loop", t);
        }
    }

    /**
     * The harness asks for every finding from now on; returns whether a detector is there to
     * deliver them (the agent is attached with detection on).
     */
    public static boolean deliverFindings() {
        try {
            sink.deliverFindings();
            return sink.isRecording();
        } catch (Throwable t) {
            fault("deliver findings", t);
            return false;
        }
    }

    /** The findings made since the last call (see {@link #deliverFindings}); empty without the agent. */
    public static java.util.List<java.util.Map<String, Object>> takeFindings() {
        try {
            return sink.takeFindings();
        } catch (Throwable t) {
            fault("take findings", t);
            return java.util.List.of();
        }
    }

    /** For the harness: whether the agent's buffer is spent (events are being dropped). */
    public static boolean recordingFull() {
        try {
            return sink.recordingFull();
        } catch (Throwable t) {
            fault("buffer", t);
            return false;
        }
    }

    /** For the harness: it is done with {@code mark} (what only that test needed may be freed). */
    public static void releaseMark(Object mark) {
        try {
            sink.releaseMark(mark);
        } catch (Throwable t) {
            fault("mark", t);
        }
    }

    /** For the harness: where the recording stands now (a test's start); null without the agent. */
    public static Object mark() {
        try {
            return sink.markRecording();
        } catch (Throwable t) {
            fault("mark", t);
            return null;
        }
    }

    /** For the harness: the tasks recorded since {@code mark}, as maps (keys in {@code bridge.TaskMaps}). */
    public static java.util.List<java.util.Map<String, Object>> tasksSince(Object mark) {
        if (mark == null) {
            return java.util.List.of();
        }
        try {
            return sink.tasksSince(mark);
        } catch (Throwable t) {
            fault("timeline", t);
            return java.util.List.of();
        }
    }

    /** For the harness: writes the HTML report of a test (since {@code mark}) to {@code htmlFile}; null, or why not. */
    public static String writeReportSince(Object mark, long fromNanoTime, String htmlFile) {
        if (mark == null) {
            return "the agent is not attached";
        }
        try {
            return sink.writeReportSince(mark, fromNanoTime, htmlFile);
        } catch (Throwable t) {
            fault("test report", t);
            return "the agent failed to write it: " + t;
        }
    }

    /** The application allows a blocking call (see {@code Loopscope.allowBlocking}); a message if the entry is bad. */
    public static String allowBlocking(String entry) {
        try {
            return sink.allowBlocking(entry);
        } catch (Throwable t) {
            fault("allow blocking", t);
            return null;
        }
    }

    // ---- tracking, for the harness ----

    private static void trackSubmitted(Object task) {
        try {
            tracker.taskSubmitted(task);
        } catch (Throwable t) {
            trackerFault("submit", t);
        }
    }

    /**
     * For the harness: from now on, carry each task's origin from the thread that submits it to
     * the one that runs it, and track the CompletableFutures that application code creates.
     * {@code rootGroup} is the thread group under which every test's group lies: work of other
     * threads is nobody's. Returns whether a tracker is there to do it (the agent is attached).
     */
    public static boolean startTracking(Object rootGroup) {
        try {
            if (!tracker.start(rootGroup)) {
                return false;
            }
        } catch (Throwable t) {
            trackerFault("start", t);
            return false;
        }
        tracking = true;
        return true;
    }

    /** The origin of the current thread's work, a {@code ThreadGroup}; null when not tracking or not known. */
    public static Object currentOrigin() {
        if (!tracking) {
            return null;
        }
        try {
            return tracker.currentOrigin();
        } catch (Throwable t) {
            trackerFault("origin", t);
            return null;
        }
    }

    /** A CompletableFuture method returns {@code future} to its caller. */
    public static void futureReturned(Object future) {
        if (!tracking || future == null) {
            return;
        }
        try {
            tracker.futureReturned(future);
        } catch (Throwable t) {
            trackerFault("future", t);
        }
    }

    /** A CompletableFuture (or subclass) constructor returns. */
    public static void futureConstructed(Object future) {
        if (!tracking) {
            return;
        }
        try {
            tracker.futureConstructed(future);
        } catch (Throwable t) {
            trackerFault("future", t);
        }
    }

    /** Something looks at {@code future}; see {@link Tracker#futureObserved}. */
    public static void futureObserved(Object future, boolean consumed) {
        if (!tracking || future == null) {
            return;
        }
        try {
            tracker.futureObserved(future, consumed);
        } catch (Throwable t) {
            trackerFault("future", t);
        }
    }

    /** See {@link Tracker#futureInternal}. */
    public static void futureInternal(boolean enter) {
        if (!tracking) {
            return;
        }
        try {
            tracker.futureInternal(enter);
        } catch (Throwable t) {
            trackerFault("future", t);
        }
    }

    /** {@code allOf}/{@code anyOf}: each of {@code futures} passes its failure on. */
    public static void futuresObserved(Object[] futures) {
        if (!tracking || futures == null) {
            return;
        }
        for (Object f : futures) {
            futureObserved(f, false);
        }
    }

    /** For the harness: the futures tracked for the test whose thread group is {@code group}; see {@link Tracker#futuresOf}. */
    public static java.util.List<java.util.Map<String, Object>> futuresOf(Object group, boolean take) {
        try {
            return tracker.futuresOf(group, take);
        } catch (Throwable t) {
            trackerFault("futures", t);
            return java.util.List.of();
        }
    }

    /** For the harness: the live virtual threads started for the test whose thread group is {@code group}. */
    public static java.util.List<Thread> virtualThreadsOf(Object group) {
        try {
            return tracker.virtualThreadsOf(group);
        } catch (Throwable t) {
            trackerFault("virtual threads", t);
            return java.util.List.of();
        }
    }

    private static void trackerFault(String where, Throwable fault) {
        Tracker failed = tracker;
        // Only the thread that switches this tracker off reports: a fault that other threads hit
        // at the same moment is the same fault.
        if (failed == Tracker.NONE || !TRACKER.compareAndSet(failed, Tracker.NONE)) {
            return;
        }
        FaultListener listener = faultListener;
        try {
            if (listener != null) {
                listener.onFault("tracking (" + where + ")", fault);
            }
        } catch (Throwable ignored) {
            // Reporting the fault must not become a second one.
        }
    }

    private static void fault(String where, Throwable fault) {
        Sink failed = sink;
        // Only the thread that switches this sink off reports (a compare-and-set, never a lock:
        // a fault may come from inside the very println that reports another).
        if (failed == Sink.NONE || !SINK.compareAndSet(failed, Sink.NONE)) {
            return;
        }
        FaultListener listener = faultListener;
        try {
            if (listener != null) {
                listener.onFault(where, fault);
            }
        } catch (Throwable ignored) {
            // Reporting the fault must not become a second one.
        }
    }
}
