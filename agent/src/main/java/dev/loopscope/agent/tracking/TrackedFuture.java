package dev.loopscope.agent.tracking;

import java.util.concurrent.CompletableFuture;

/** A CompletableFuture that application code created while a test ran, and what became of it. */
final class TrackedFuture {

    final CompletableFuture<?> future;
    final ThreadGroup origin;
    /** The application frame that created it, formatted as in a stack trace. */
    final String site;
    final String threadName;
    final long createdNanos;
    /** A dependent was attached, a thread waited on it, or its state was looked at ({@code isDone}). */
    volatile boolean observed;
    /** Its failure was read: {@code get}, {@code join}, {@code handle}, {@code whenComplete}, {@code exceptionally}... */
    volatile boolean consumed;

    TrackedFuture(CompletableFuture<?> future, ThreadGroup origin, String site, String threadName, long createdNanos) {
        this.future = future;
        this.origin = origin;
        this.site = site;
        this.threadName = threadName;
        this.createdNanos = createdNanos;
    }
}
