package dev.loopscope.samples.jobs;

import dev.loopscope.api.Loopscope;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A background job queue: a fixed number of workers, a bounded queue that pushes back when full
 * (instead of growing until the heap is gone), a future per job for its result, and a
 * {@link #close} that finishes every accepted job before it returns.
 */
public final class JobQueue implements AutoCloseable {

    private final String name;
    private final int capacity;
    private final ThreadPoolExecutor workers;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public JobQueue(String name, int workerCount, int capacity) {
        this.name = name;
        this.capacity = capacity;
        this.workers = Loopscope.name(new ThreadPoolExecutor(workerCount, workerCount, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity)), name);
    }

    /**
     * Queues a job; its future completes with the job's result or failure.
     *
     * @throws RejectedExecutionException when the queue is full or closed: the caller decides
     *         whether to wait, drop or retry
     */
    public <T> CompletableFuture<T> submit(Callable<T> job) {
        try {
            return CompletableFuture.supplyAsync(() -> run(job), workers);
        } catch (RejectedExecutionException e) {
            throw new RejectedExecutionException(workers.isShutdown()
                    ? "job queue '" + name + "' is closed"
                    : "job queue '" + name + "' is full (" + capacity + " jobs waiting); retry later or raise its capacity", e);
        }
    }

    /** Jobs accepted and not yet finished; approximate while jobs run (the pool's counts are). */
    public long pending() {
        return workers.getTaskCount() - workers.getCompletedTaskCount();
    }

    public long succeeded() {
        return succeeded.get();
    }

    public long failed() {
        return failed.get();
    }

    /**
     * Takes no new jobs, and returns once every accepted job has finished; throws if that takes
     * over 30 s. Call it from outside the queue: a job closing its own queue waits for itself.
     * Interrupted, it returns at once with the interrupt flag set, and the jobs go on.
     */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("job queue '" + name + "' still has " + pending() + " jobs after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T run(Callable<T> job) {
        try {
            T result = job.call();
            succeeded.incrementAndGet();
            return result;
        } catch (Exception e) {
            failed.incrementAndGet();
            throw e instanceof RuntimeException r ? r : new CompletionException(e);
        }
    }
}
