package dev.loopscope.agent.it.workloads;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What saturated and shut-down pools do with tasks: a one-thread pool with a one-slot queue and
 * CallerRunsPolicy, given {@value #CALLER_RUNS_TASKS} tasks while its thread is held, runs the
 * overflow on main; a scheduled pool rejects after shutdown; a rejected Runnable retried on a
 * live pool runs once.
 */
public final class RejectionPaths {

    public static final int CALLER_RUNS_TASKS = 5;

    public static void main(String[] args) throws Exception {
        ThreadPoolExecutor saturated = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                new NamedThreads("saturated"), new ThreadPoolExecutor.CallerRunsPolicy());
        CountDownLatch release = new CountDownLatch(1);
        saturated.execute(() -> await(release)); // holds the only thread
        saturated.execute(() -> { });              // fills the queue
        for (int i = 0; i < CALLER_RUNS_TASKS - 2; i++) {
            saturated.execute(() -> { });          // run by main, by the policy
        }
        release.countDown();
        saturated.shutdown();
        saturated.awaitTermination(10, TimeUnit.SECONDS);

        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new NamedThreads("closed-timer"));
        timer.shutdown();
        try {
            timer.schedule(() -> { }, 1, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("a shut-down scheduled pool accepted a task");
        } catch (RejectedExecutionException expected) {
            // recorded as rejected
        }

        ThreadPoolExecutor closed = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                new NamedThreads("retry"));
        Runnable job = () -> { };
        closed.shutdown();
        try {
            closed.execute(job);
        } catch (RejectedExecutionException expected) {
            // the same object is retried on a live pool below
        }
        ThreadPoolExecutor open = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                new NamedThreads("retry"));
        open.submit(job).get();
        open.shutdown();
        open.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
