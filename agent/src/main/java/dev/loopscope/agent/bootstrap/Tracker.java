package dev.loopscope.agent.bootstrap;

/**
 * Receives what the harness needs beyond the task timeline, once it has asked for it with {@link
 * Hooks#startTracking}: which test's work a thread is doing (its <em>origin</em>, carried from
 * the thread that submits a task to the one that runs it), and the CompletableFutures that test
 * code creates and whether anybody observes them. Like {@link Sink}, every method has a harmless
 * default, and {@link #NONE} stands in until the agent installs the real one.
 */
public abstract class Tracker {

    /** The tracker that tracks nothing. */
    public static final Tracker NONE = new Tracker() { };

    /**
     * Begins tracking for the harness; {@code rootGroup} is the {@code ThreadGroup} under which
     * every test's group lies. Returns whether this tracker tracks anything.
     */
    public boolean start(Object rootGroup) {
        return false;
    }

    /** The current thread hands {@code task} to an executor (a scheduled one may run more than once). */
    public void taskSubmitted(Object task) {
    }

    /** The current thread begins running {@code task}: it works for the task's origin until {@link #taskEnded}. */
    public void taskStarting(Object task) {
    }

    public void taskEnded(Object task) {
    }

    /** The current thread starts {@code thread}, which then works for the current thread's origin. */
    public void threadStarting(Thread thread) {
    }

    /** The origin of the current thread's work (a {@code ThreadGroup}); null if not known. */
    public Object currentOrigin() {
        return null;
    }

    /** A CompletableFuture method returned {@code future} to its caller. */
    public void futureReturned(Object future) {
    }

    /** A CompletableFuture constructor finished: {@code future} is new. */
    public void futureConstructed(Object future) {
    }

    /**
     * Something looks at {@code future}: attaches a dependent or waits on it ({@code consumed}
     * false: its failure passes on), or reads its failure ({@code consumed} true).
     */
    public void futureObserved(Object future, boolean consumed) {
    }

    /**
     * The thread enters ({@code true}) or leaves a CompletableFuture method that uses the public
     * API on its own future ({@code orTimeout}): what it creates and looks at there is the JDK's doing.
     */
    public void futureInternal(boolean enter) {
    }

    /** The tracked futures whose origin is {@code group} or a group inside it, as maps; {@code take} forgets them. */
    public java.util.List<java.util.Map<String, Object>> futuresOf(Object group, boolean take) {
        return java.util.List.of();
    }

    /** The live virtual threads whose origin is {@code group} or a group inside it. */
    public java.util.List<Thread> virtualThreadsOf(Object group) {
        return java.util.List.of();
    }
}
