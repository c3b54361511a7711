package dev.loopscope.agent.it.workloads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One-shot tasks due in 30, 60 and 90 ms, and a fixed-rate task (every 20 ms) that cancels itself
 * during its {@value #PERIODIC_RUNS}th run, on a one-thread scheduled pool.
 */
public final class ScheduledTimers {

    public static final int PERIODIC_RUNS = 5;
    public static final long[] DELAYS_MS = {30, 60, 90};
    public static final long PERIOD_MS = 20;

    /** Ground truth for the test: the task was due {@code delay} after some instant in [before, after]. */
    private static void printWindow(long delayMs, long before, long after) {
        System.out.println("scheduled " + delayMs + " " + before + " " + after);
    }

    public static void main(String[] args) throws Exception {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new NamedThreads("timer"));
        CountDownLatch done = new CountDownLatch(DELAYS_MS.length + 1);
        for (long delay : DELAYS_MS) {
            long before = System.nanoTime();
            timer.schedule(done::countDown, delay, TimeUnit.MILLISECONDS);
            printWindow(delay, before, System.nanoTime());
        }
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> periodic = new AtomicReference<>();
        CountDownLatch registered = new CountDownLatch(1);
        long before = System.nanoTime();
        periodic.set(timer.scheduleAtFixedRate(() -> {
            try {
                registered.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (runs.incrementAndGet() == PERIODIC_RUNS) {
                periodic.get().cancel(false);
                done.countDown();
            }
        }, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS));
        printWindow(PERIOD_MS, before, System.nanoTime());
        registered.countDown();
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("timers did not fire");
        }
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
