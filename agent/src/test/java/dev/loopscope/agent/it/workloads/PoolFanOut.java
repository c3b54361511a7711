package dev.loopscope.agent.it.workloads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@value #PARENTS} tasks on a 3-thread pool, each submitting {@value #CHILDREN} children to it. */
public final class PoolFanOut {

    public static final int PARENTS = 20;
    public static final int CHILDREN = 3;

    public static void main(String[] args) throws Exception {
        ExecutorService pool = new ThreadPoolExecutor(3, 3, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedThreads("fanout-worker"));
        CountDownLatch done = new CountDownLatch(PARENTS * (1 + CHILDREN));
        for (int p = 0; p < PARENTS; p++) {
            pool.execute(() -> {
                for (int c = 0; c < CHILDREN; c++) {
                    pool.execute(done::countDown);
                }
                busy(200_000);
                done.countDown();
            });
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("tasks did not finish");
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
