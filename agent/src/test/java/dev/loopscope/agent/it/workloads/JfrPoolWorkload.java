package dev.loopscope.agent.it.workloads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A shape known in advance: on a fixed pool of 2 threads, {@value #PARENTS} tasks each submit one
 * child; the child of parent {@value #FAILING} throws; after shutdown one more task is rejected.
 */
public final class JfrPoolWorkload {

    public static final int PARENTS = 50;
    public static final int FAILING = 7;

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch done = new CountDownLatch(2 * PARENTS);
        for (int p = 0; p < PARENTS; p++) {
            int parent = p;
            pool.execute(() -> {
                pool.submit(() -> {
                    done.countDown();
                    if (parent == FAILING) {
                        throw new IllegalStateException("child of " + parent + " failed");
                    }
                    return parent;
                });
                done.countDown();
            });
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("tasks did not finish");
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        try {
            pool.execute(() -> { });
        } catch (RejectedExecutionException expected) {
            System.out.println("rejected after shutdown");
        }
        System.out.println("workload done");
    }
}
