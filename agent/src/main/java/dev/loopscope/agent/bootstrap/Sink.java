package dev.loopscope.agent.bootstrap;

/**
 * Receives what the instrumented JDK code reports. {@link Hooks} calls exactly one sink; the
 * recorder is the real one, {@link #NONE} stands in before the agent is ready and after a fault.
 *
 * <p>Tokens are opaque {@code long}s handed back by the sink so that a later call (end of a run,
 * a rejected submission) can refer to an earlier one without a lookup; {@code 0} means "not
 * recorded".
 */
public abstract class Sink {

    /** The sink that records nothing. */
    public static final Sink NONE = new Sink() { };

    /** A task was handed to {@code executor}; returns a token for {@link #submitFailed}. */
    public long submitted(Object executor, Object task) {
        return 0L;
    }

    /** A task (a {@code java.util.concurrent.Delayed}) was put on the timer queue of {@code executor}; a token for {@link #submitFailed}. */
    public long scheduled(Object executor, Object task) {
        return 0L;
    }

    /** The submission behind {@code token} threw (rejected): the task will never run. */
    public void submitFailed(long token) {
    }

    /** The current thread starts running {@code task}; returns a token for {@link #runEnded}. */
    public long runStarted(Object task) {
        return 0L;
    }

    /** The run behind {@code token} ended; {@code thrown} is what escaped it, if anything. */
    public void runEnded(long token, Object task, Throwable thrown) {
    }

    /** A CompletableFuture stage running on this thread completed exceptionally with {@code x}. */
    public void stageFailed(Throwable x) {
    }

    /** The application gave {@code executor} a readable name (see {@code dev.loopscope.api.Loopscope}). */
    public void executorNamed(Object executor, String name) {
    }

    /** {@code wrapper} (such as {@code Executors.unconfigurableExecutorService}) delegates to {@code inner}. */
    public void executorWrapped(Object wrapper, Object inner) {
    }

    /** Whether a recorder is listening. */
    public boolean isRecording() {
        return false;
    }

    /** {@code thread} (platform or virtual) is being started by the current thread; a token for {@link #submitFailed}. */
    public long threadStarting(Thread thread) {
        return 0L;
    }

    /** The current (carrier) thread is about to mount virtual thread {@code thread}; a token for {@link #virtualThreadUnmounted}. */
    public long virtualThreadMounting(Thread thread) {
        return 0L;
    }

    /** The mount behind {@code token} ended: the virtual thread parked, yielded or terminated. */
    public void virtualThreadUnmounted(long token) {
    }

    /** The current thread, {@code thread}, begins its {@code run()}. */
    public void threadRunning(Thread thread) {
    }

    /** An exception escaped the current thread, {@code thread}, and is about to be dispatched. */
    public void threadFailed(Thread thread, Throwable uncaught) {
    }

    /** The current thread, {@code thread}, is terminating. */
    public void threadExiting(Thread thread) {
    }

    /** The current thread begins the worker loop of ThreadPoolExecutor {@code executor}. */
    public void workerStarting(Object executor) {
    }

    /** A hooked blocking API is entered; a token for {@link #blockingExit}, 0 when not recorded. */
    public long blockingEnter(int api, Object target) {
        return 0L;
    }

    /** The blocking call behind {@code token} returned (or threw). */
    public void blockingExit(long token) {
    }

    /** The current virtual thread parks pinned to its carrier; 0 when not recorded. */
    public long pinnedEnter() {
        return 0L;
    }

    public void pinnedExit() {
    }

    /** {@code threadOrExecutor} is a loop: blocking on it is a finding. */
    public void markLoop(Object threadOrExecutor) {
    }

    /** From now on, keeps every new finding for {@link #takeFindings}. */
    public void deliverFindings() {
    }

    /** The findings since the last call, as maps of JDK types (see {@code detect.FindingMaps}). */
    public java.util.List<java.util.Map<String, Object>> takeFindings() {
        return java.util.List.of();
    }

    /** The harness is done with a mark from {@link #markRecording}. */
    public void releaseMark(Object mark) {
    }

    /** Whether the buffer is spent, so that nothing new is recorded. */
    public boolean recordingFull() {
        return false;
    }

    /** A mark of where the recording stands now, for {@link #tasksSince}; null when nothing records. */
    public Object markRecording() {
        return null;
    }

    /** The tasks recorded since {@code mark}, as maps of JDK types. */
    public java.util.List<java.util.Map<String, Object>> tasksSince(Object mark) {
        return java.util.List.of();
    }

    /** Writes the HTML report of what was recorded since {@code mark}; null, or why it could not. */
    public String writeReportSince(Object mark, long fromNanoTime, String htmlFile) {
        return "the agent is not recording";
    }

    /** Adds an allow entry; returns null, or why the entry is not valid. */
    public String allowBlocking(String entry) {
        return null;
    }
}
