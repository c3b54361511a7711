package dev.loopscope.agent.detect;

import java.util.List;

/** One finding: a blocking call made on a loop thread (or in the common pool, or by a pinned virtual thread). */
public final class BlockingCall {

    /** The class of finding: {@code loop}, {@code commonPool} or {@code pinned}. */
    public final String kind;
    public final BlockingApi api;
    /** The JDK method the application called, when it is not the API itself ({@code CompletableFuture.join} for a park). */
    public final String entry;
    /** The first frame outside the JDK and the agent, formatted; empty when the whole stack is the JDK's. */
    public final String callSite;
    public final List<String> stack;
    public final String threadName;
    public final long threadId;
    /** The recorder's ref of the run in progress on the thread, 0 if none: the report turns it into a task id. */
    public final long runRef;
    public final long startNanos;
    /** More about the call, such as the monitor waited for and its owner; empty if nothing. */
    public final String detail;
    /**
     * Whose work the thread was doing (a {@code ThreadGroup}, see the {@code tracking} package),
     * for the harness to blame the right test even after the thread ended. Set before the
     * finding is published.
     */
    Object origin;
    private volatile long durationNanos = -1;

    BlockingCall(String kind, BlockingApi api, String entry, String callSite, List<String> stack, String threadName,
            long threadId, long runRef, long startNanos, String detail) {
        this.kind = kind;
        this.api = api;
        this.entry = entry;
        this.callSite = callSite;
        this.stack = stack;
        this.threadName = threadName;
        this.threadId = threadId;
        this.runRef = runRef;
        this.startNanos = startNanos;
        this.detail = detail;
    }

    void finish(long endNanos) {
        durationNanos = Math.max(0L, endNanos - startNanos);
    }

    /** The call's duration, or -1 while it has not returned. */
    public long durationNanos() {
        return durationNanos;
    }
}
