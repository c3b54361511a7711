package dev.loopscope.agent.it.workloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JVM to attach to: a pool runs one task after another until the file {@code args[0]} appears;
 * then it runs {@value #AFTER_STOP} more, a pool created only now ({@value #FRESH} threads) runs
 * {@value #AFTER_STOP} tasks, and the JVM exits.
 */
public final class JfrAttachWorkload {

    public static final int AFTER_STOP = 20;
    public static final String FRESH = "fresh";

    public static void main(String[] args) throws Exception {
        Path stop = Paths.get(args[0]);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        System.out.println("running");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(stop) && System.nanoTime() < deadline) {
            pool.submit(() -> { }).get();
            Thread.sleep(5);
        }
        runTasks(pool);
        AtomicInteger n = new AtomicInteger();
        runTasks(Executors.newFixedThreadPool(2, r -> new Thread(r, FRESH + "-" + n.incrementAndGet())));
        System.out.println("workload done");
    }

    private static void runTasks(ExecutorService pool) throws Exception {
        for (int i = 0; i < AFTER_STOP; i++) {
            pool.submit(() -> { }).get();
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
