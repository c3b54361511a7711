package dev.loopscope.agent.jfr;

/**
 * Where the recorder hands its events to JFR. Every method is called only while {@link #active()}
 * is true, so with no JFR recording running the whole cost is one volatile read.
 *
 * <p>STUB: the JFR events are filled in by the JFR work; until then nothing is emitted.
 */
public final class JfrTap {

    private static volatile boolean active;

    private JfrTap() {
    }

    /** Called once at agent start when the {@code jfr} option is on. */
    public static void install() {
    }

    public static boolean active() {
        return active;
    }

    public static void executor(int executorId, String className, int identityHash, String userName) {
    }

    public static void submitted(long ref, int hash, long time, long parentRef, int executorId, String taskClass,
            long planned) {
    }

    public static void rejected(long ref) {
    }

    /** Returns a handle passed back to {@link #runEnded}, or null. */
    public static Object runStarted(long ref, int hash, boolean threadRun, long start) {
        return null;
    }

    public static void runEnded(Object handle, long ref, long end, dev.loopscope.agent.recorder.Failure failure) {
    }
}
