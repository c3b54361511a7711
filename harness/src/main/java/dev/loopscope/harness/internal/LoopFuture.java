package dev.loopscope.harness.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A task submitted to a test loop, as its future: remembers where it was submitted, and whether
 * anyone asked for its outcome, so a failure nobody looked at can fail the test (asyncio's "Task
 * exception was never retrieved").
 */
public class LoopFuture<V> extends FutureTask<V> {

    final long id;
    final String submittedAt;
    final long submittedNanos = System.nanoTime();
    private volatile Throwable failure;
    private volatile boolean observed;

    LoopFuture(long id, Callable<V> callable, String submittedAt) {
        super(callable);
        this.id = id;
        this.submittedAt = submittedAt;
    }

    LoopFuture(long id, Runnable runnable, V result, String submittedAt) {
        super(runnable, result);
        this.id = id;
        this.submittedAt = submittedAt;
    }

    @Override
    protected void setException(Throwable t) {
        failure = t;
        super.setException(t);
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
        observed = true;
        return super.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        observed = true;
        return super.get(timeout, unit);
    }

    /** The failure nobody asked for, or null. */
    Throwable unobservedFailure() {
        return observed ? null : failure;
    }

    /** What the task is, for messages: its id and where it was submitted. */
    String describe() {
        return "task #" + id + " submitted at " + submittedAt;
    }
}
