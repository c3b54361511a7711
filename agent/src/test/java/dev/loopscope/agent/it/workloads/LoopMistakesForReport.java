package dev.loopscope.agent.it.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The classic mistakes on loop threads, for the HTML report's findings: a sleep on a thread whose
 * name matches the built-in Vert.x glob but also carries markup; then, on a Netty-named loop, a
 * task that spins for {@link #SPIN_MILLIS} (a stall) and one that sleeps {@link #SLEEP_MILLIS}
 * (a blocking call, and a stall too over a 100 ms threshold).
 */
public final class LoopMistakesForReport {

    public static final String HOSTILE_LOOP = "vert.x-eventloop-thread-<img src=x onerror=window.__pwned=1>\"'";
    public static final String NETTY_LOOP = "nioEventLoopGroup-7-1";
    public static final long HOSTILE_SLEEP_MILLIS = 60;
    public static final long SPIN_MILLIS = 250;
    public static final long SLEEP_MILLIS = 120;

    private LoopMistakesForReport() {
    }

    public static void main(String[] args) throws Exception {
        Thread hostile = new Thread(() -> sleep(HOSTILE_SLEEP_MILLIS), HOSTILE_LOOP);
        hostile.start();
        hostile.join();

        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, NETTY_LOOP));
        loop.submit(LoopMistakesForReport::spin).get();
        loop.submit(() -> sleep(SLEEP_MILLIS)).get();
        loop.shutdown();
        loop.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static void spin() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPIN_MILLIS);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
