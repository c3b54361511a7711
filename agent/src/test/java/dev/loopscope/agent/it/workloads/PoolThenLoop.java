package dev.loopscope.agent.it.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application of known shape, in two phases one after the other. First {@value #TASKS} tasks on
 * a 2-thread pool ({@code work-1}, {@code work-2}) add up 0 to {@value #TASKS} − 1. Then, on the
 * single thread {@value #LOOP} (a loop thread under {@code loops=app-loop}): {@value #QUICK_TASKS}
 * quick tasks, one task that sleeps {@value #SLEEP_MILLIS} ms ({@link #blockTheLoop}: one blocking
 * call, too short for a stall) and one that burns CPU for {@value #STALL_MILLIS} ms ({@link
 * #stallTheLoop}: one stall, no blocking call). Prints {@link #STDOUT} and exits with the code
 * given as the first argument.
 */
public final class PoolThenLoop {

    public static final int TASKS = 1000;
    public static final String LOOP = "app-loop";
    public static final int QUICK_TASKS = 5;
    public static final long SLEEP_MILLIS = 20;
    public static final long STALL_MILLIS = 1500;
    /** Everything the application prints. */
    public static final String STDOUT = "sum " + (long) TASKS * (TASKS - 1) / 2 + "\nloop done\n";

    private PoolThenLoop() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong sum = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(2, new NamedThreads("work"));
        for (int i = 0; i < TASKS; i++) {
            long n = i;
            pool.execute(() -> sum.addAndGet(n));
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the pool did not finish");
        }
        System.out.println("sum " + sum.get());

        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, LOOP));
        for (int i = 0; i < QUICK_TASKS; i++) {
            loop.submit(PoolThenLoop::quickTask).get();
        }
        loop.submit(() -> {
            blockTheLoop();
            return null;
        }).get();
        loop.submit(PoolThenLoop::stallTheLoop).get();
        loop.shutdown();
        if (!loop.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the loop did not finish");
        }
        System.out.println("loop done");
        System.exit(Integer.parseInt(args[0]));
    }

    static long quickTask() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        long x = 0;
        while (System.nanoTime() < end) {
            x++;
        }
        return x;
    }

    static void blockTheLoop() throws InterruptedException {
        Thread.sleep(SLEEP_MILLIS);
    }

    static long stallTheLoop() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        return x;
    }
}
