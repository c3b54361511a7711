package dev.loopscope.agent.it.workloads;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every submission path of a ThreadPoolExecutor subclass whose beforeExecute/afterExecute do not
 * call super: execute, submit(Runnable), submit(Callable), submit(Runnable, T), invokeAll of
 * three, invokeAny of one, and one execute rejected after shutdown. 8 tasks run, 1 is rejected.
 */
public final class PoolSubmitPaths {

    public static final class AuditedPool extends ThreadPoolExecutor {
        AuditedPool() {
            super(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new NamedThreads("paths"));
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            // deliberately no super call
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            // deliberately no super call
        }
    }

    public static void main(String[] args) throws Exception {
        AuditedPool pool = new AuditedPool();
        Callable<Integer> one = () -> 1;
        pool.execute(() -> { });
        pool.submit(() -> { }).get();
        pool.submit(one).get();
        pool.submit(() -> { }, "result").get();
        pool.invokeAll(List.of(one, one, one));
        pool.invokeAny(List.of(one));
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        try {
            pool.execute(() -> { });
            throw new IllegalStateException("a shut-down pool accepted a task");
        } catch (RejectedExecutionException expected) {
            // recorded as rejected
        }
    }
}
