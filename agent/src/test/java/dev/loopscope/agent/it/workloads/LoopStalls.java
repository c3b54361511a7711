package dev.loopscope.agent.it.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Two stalls on a Netty-named loop thread, among quick tasks: a CPU-bound loop of 300 ms in
 * {@link #burnCpu} and a 300 ms sleep in {@link #sleepyTask}. The quick tasks (5 ms each) are
 * far under the 100 ms threshold.
 */
public final class LoopStalls {

    public static final String THREAD = "nioEventLoopGroup-3-1";
    public static final long STALL_MILLIS = 300;
    public static final int QUICK_TASKS = 20;

    private LoopStalls() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, THREAD));
        for (int i = 0; i < QUICK_TASKS / 2; i++) {
            loop.submit(LoopStalls::quickTask).get();
        }
        System.out.println("spun " + loop.submit(LoopStalls::burnCpu).get());
        for (int i = 0; i < QUICK_TASKS / 2; i++) {
            loop.submit(LoopStalls::quickTask).get();
        }
        loop.submit(() -> {
            sleepyTask();
            return null;
        }).get();
        loop.shutdown();
        loop.awaitTermination(10, TimeUnit.SECONDS);
    }

    static long burnCpu() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        return x;
    }

    static void sleepyTask() throws InterruptedException {
        Thread.sleep(STALL_MILLIS);
    }

    static long quickTask() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long x = 0;
        while (System.nanoTime() < end) {
            x++;
        }
        return x;
    }
}
