package dev.loopscope.agent.it.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@value #THREADS} virtual threads (JDK 21+; created reflectively, as this code compiles for 17).
 * Each sleeps {@value #SLEEPS} times, so it is mounted at least {@value #SLEEPS}+1 times, and
 * submits one task to the platform pool "after-vt"; the one numbered {@value #FAILING} throws.
 */
public final class VirtualThreadWork {

    public static final int THREADS = 50;
    public static final int SLEEPS = 3;
    public static final int FAILING = 7;

    public static void main(String[] args) throws Exception {
        ExecutorService after = Executors.newFixedThreadPool(2, new NamedThreads("after-vt"));
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            Runnable body = () -> {
                for (int s = 0; s < SLEEPS; s++) {
                    sleep(5);
                }
                after.execute(() -> { });
                if (n == FAILING) {
                    throw new IllegalStateException("vt failed");
                }
            };
            Thread t = (Thread) builderType.getMethod("unstarted", Runnable.class).invoke(builder, body);
            t.setUncaughtExceptionHandler((thread, e) -> { });
            threads.add(t);
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        after.shutdown();
        after.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
