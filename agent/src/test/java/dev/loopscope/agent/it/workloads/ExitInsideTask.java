package dev.loopscope.agent.it.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@value #SUBMITTERS} threads keep submitting short tasks to a pool of {@value #POOL_THREADS},
 * each with at most {@value #IN_FLIGHT} of its own in flight, when one more task, {@link
 * CallsExit}, calls {@code System.exit(}{@value #EXIT_CODE}{@code )}: the JVM exits with the pool
 * busy and its queue full.
 */
public final class ExitInsideTask {

    public static final int SUBMITTERS = 8;
    public static final int POOL_THREADS = 4;
    public static final int IN_FLIGHT = 50;
    public static final int EXIT_CODE = 42;

    /**
     * Set just before the exit: the submitters then stop adding work, so that what is in flight
     * stays within their permits while the reports are taken (the workers go on running it). Were
     * they to go on, a submitter's log read after a worker's could show more queued tasks than
     * were ever in flight at one instant, and the test's bound would be a matter of timing.
     */
    static volatile boolean exiting;

    /** The task that ends the JVM; its own class, so the reports name it. */
    public static final class CallsExit implements Runnable {
        @Override
        public void run() {
            exiting = true;
            System.out.println("calling System.exit(" + EXIT_CODE + ") from a task");
            System.exit(EXIT_CODE);
        }
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(POOL_THREADS, new NamedThreads("busy"));
        LongAdder ran = new LongAdder();
        for (int s = 0; s < SUBMITTERS; s++) {
            Thread submitter = new Thread(() -> {
                Semaphore inFlight = new Semaphore(IN_FLIGHT);
                while (!exiting) {
                    inFlight.acquireUninterruptibly();
                    pool.execute(() -> {
                        spin(20_000);
                        ran.increment();
                        inFlight.release();
                    });
                }
            }, "submitter-" + s);
            submitter.start();
        }
        while (ran.sum() < 5_000) { // well into the load
            Thread.sleep(10);
        }
        pool.execute(new CallsExit());
        Thread.sleep(60_000);
        System.out.println("still alive: System.exit did not end the JVM");
    }

    /** Busy for about {@code nanos}, without blocking. */
    static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
