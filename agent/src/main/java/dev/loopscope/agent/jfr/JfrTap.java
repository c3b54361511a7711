package dev.loopscope.agent.jfr;

import dev.loopscope.agent.recorder.ExecutorInfo;
import dev.loopscope.agent.recorder.Failure;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Where the recorder hands its events to JFR, as {@code loopscope.*} events. Every method but
 * {@link #install} is called only while {@link #active()} is true, so with no JFR recording
 * running the whole cost is one volatile read, and no jdk.jfr class is loaded by the hot path.
 */
public final class JfrTap {

    private static volatile boolean active;

    private JfrTap() {
    }

    /**
     * Called once at agent start when the {@code jfr} option is on; {@code executors} lists the
     * executors known so far, for recordings that start after they were registered.
     */
    public static void install(Supplier<? extends Collection<ExecutorInfo>> executors) {
        try {
            RecordingWatch.install(executors);
        } catch (LinkageError | RuntimeException e) {
            // A runtime linked without the jdk.jfr module, or JFR refusing to start: the recorder
            // works without it.
            System.err.println("[loopscope] JFR events are off, JFR is not available in this JVM: " + e);
        }
    }

    public static boolean active() {
        return active;
    }

    static void setActive(boolean on) {
        active = on;
    }

    public static void executor(int executorId, String className, int identityHash, String userName) {
        JfrEvents.executor(executorId, className, identityHash, userName);
    }

    public static void submitted(long ref, int hash, long time, long parentRef, int executorId, String taskClass,
            long planned) {
        JfrEvents.submitted(ref, hash, time, parentRef, executorId, taskClass, planned);
    }

    public static void rejected(long ref) {
        JfrEvents.rejected(ref);
    }

    /** Returns a handle passed back to {@link #runEnded}, or null. */
    public static Object runStarted(long ref, int hash, boolean threadRun, long start) {
        return JfrEvents.runStarted(ref, hash, threadRun, start);
    }

    public static void runEnded(Object handle, long ref, long end, Failure failure) {
        JfrEvents.runEnded(handle, end, failure);
    }
}
