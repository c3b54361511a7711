package dev.loopscope.agent.it.workloads;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@value #SUBMITTERS} threads push {@code args[0]} tasks in all through a thread pool, a
 * fork-join pool and CompletableFuture chains whose last stage runs on a single-thread loop
 * ({@code stress-loop}). Each submitter keeps at most {@value #IN_FLIGHT} units in flight, so the
 * queues, and the application's own heap, stay small. Prints the tasks run and the live heap
 * before and after the load (after {@code System.gc()}), whose growth is what the agent keeps.
 */
public final class StressLoad {

    static final int SUBMITTERS = 16;
    /** Tasks in one unit: a pool task, a fork-join task and a chain of three stages. */
    public static final int TASKS_PER_UNIT = 5;
    static final int IN_FLIGHT = 64;

    public static void main(String[] args) throws Exception {
        long units = Long.parseLong(args[0]) / TASKS_PER_UNIT / SUBMITTERS;
        long planned = units * TASKS_PER_UNIT * SUBMITTERS;
        ExecutorService pool = Executors.newFixedThreadPool(4, new NamedThreads("stress-pool"));
        ForkJoinPool forkJoin = new ForkJoinPool(4);
        ExecutorService loop = Executors.newSingleThreadExecutor(new NamedThreads("stress-loop"));
        LongAdder ran = new LongAdder();
        long before = liveHeap();
        long started = System.nanoTime();

        Thread[] submitters = new Thread[SUBMITTERS];
        for (int s = 0; s < SUBMITTERS; s++) {
            submitters[s] = new Thread(() -> {
                // Each unit takes three permits: its pool task, its fork-join task and its chain give one back each.
                Semaphore inFlight = new Semaphore(3 * IN_FLIGHT);
                for (long u = 0; u < units; u++) {
                    inFlight.acquireUninterruptibly(3);
                    pool.execute(() -> {
                        ran.increment();
                        inFlight.release();
                    });
                    forkJoin.execute(() -> {
                        ran.increment();
                        inFlight.release();
                    });
                    CompletableFuture.supplyAsync(() -> {
                        ran.increment();
                        return 1;
                    }, pool).thenApplyAsync(x -> {
                        ran.increment();
                        return x + 1;
                    }, forkJoin).thenAcceptAsync(x -> {
                        ran.increment();
                        inFlight.release();
                    }, loop);
                }
                inFlight.acquireUninterruptibly(3 * IN_FLIGHT); // all of this submitter's work is done
            }, "stress-submitter-" + s);
            submitters[s].start();
        }
        for (Thread t : submitters) {
            t.join();
        }
        long seconds100 = (System.nanoTime() - started) / 10_000_000;
        pool.shutdown();
        forkJoin.shutdown();
        loop.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS) || !forkJoin.awaitTermination(60, TimeUnit.SECONDS)
                || !loop.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the executors did not stop");
        }
        long after = liveHeap();
        System.out.printf("stress: ran %d of %d tasks in %d.%02d s%n", ran.sum(), planned, seconds100 / 100,
                seconds100 % 100);
        System.out.printf("heap: before %d after %d growth %d bytes%n", before, after, after - before);
    }

    /** Heap in use once what is garbage is collected: twice, as a first full collection may leave some. */
    private static long liveHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
