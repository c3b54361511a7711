package dev.loopscope.agent.it.workloads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Main throws while a pool of {@value #POOL_THREADS} daemon threads is busy: one runs {@link
 * NeverEnds}, the others work through {@value #TASKS} queued tasks of a millisecond. No
 * non-daemon thread is left, so the JVM exits with code 1 and the exception on stderr, and its
 * shutdown hooks run with the pool still working.
 */
public final class ThrowOnMain {

    public static final int POOL_THREADS = 4;
    public static final int TASKS = 10_000;

    /** Waits for ever: still running at exit, whatever the timing. */
    public static final class NeverEnds implements Runnable {
        @Override
        public void run() {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        NamedThreads names = new NamedThreads("daemon-pool");
        ExecutorService pool = Executors.newFixedThreadPool(POOL_THREADS, r -> {
            Thread t = names.newThread(r);
            t.setDaemon(true);
            return t;
        });
        pool.execute(new NeverEnds());
        for (int i = 0; i < TASKS; i++) {
            pool.execute(() -> ExitInsideTask.spin(1_000_000));
        }
        Thread.sleep(200);
        throw new IllegalStateException("main gives up with the pool still busy");
    }
}
