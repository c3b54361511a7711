package dev.loopscope.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Executor hand-off: the benchmark thread hands a batch of tasks to an executor and waits for all
 * of them. A score is tasks (for chains: chains) per second through submit, queue and run; the
 * agent's cost is the whole difference between forks with and without it. {@code work} is the
 * CPU each task burns (JMH tokens: 0 is an empty task, the worst case for any per-task cost; 100
 * is about 0.3 µs, 1000 about 2 µs on these machines).
 *
 * <p>{@link #virtualThreadPerTask} needs JDK 21+ (the runners leave it out on older JDKs); the
 * executor is made reflectively so that this module still compiles for Java 17.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExecutorHandoffBenchmark {

    static final int BATCH = 1_000;

    @Param({"0", "100", "1000"})
    public int work;

    private ExecutorService pool;
    private ScheduledThreadPoolExecutor scheduler;
    private ExecutorService virtualThreads;

    @Setup(Level.Trial)
    public void start() {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        scheduler = new ScheduledThreadPoolExecutor(1);
        if (Runtime.version().feature() >= 21) {
            try {
                virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("no virtual threads on JDK " + Runtime.version(), e);
            }
        }
    }

    private void burn() {
        Blackhole.consumeCPU(work);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        for (ExecutorService e : new ExecutorService[] {pool, scheduler, virtualThreads}) {
            if (e != null) {
                e.shutdown();
                e.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A one-thread ThreadPoolExecutor: execute, queue, run. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void threadPoolExecutor() throws InterruptedException {
        handOff(pool);
    }

    /** A one-thread ScheduledThreadPoolExecutor, each task scheduled with no delay. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void scheduledThreadPoolExecutor() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            scheduler.schedule(() -> {
                burn();
                done.countDown();
            }, 0, TimeUnit.NANOSECONDS);
        }
        done.await();
    }

    /**
     * {@code supplyAsync(..).thenApplyAsync(..)} on the common pool, as most CompletableFuture code
     * runs: two tasks per chain, the second submitted by the first's completion. Needs a common-pool
     * parallelism of 2 or more ({@link HandoffSection} sets it): below that, JDK 17 runs every async
     * stage on a new thread, even when the common pool is passed explicitly.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void completableFutureChain() {
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer>[] chains = new CompletableFuture[BATCH];
        for (int i = 0; i < BATCH; i++) {
            int n = i;
            chains[i] = CompletableFuture.supplyAsync(() -> {
                burn();
                return n;
            }).thenApplyAsync(v -> {
                burn();
                return v + 1;
            });
        }
        CompletableFuture.allOf(chains).join();
    }

    /** A virtual thread per task (JDK 21+): start, mount on a carrier, run, end. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void virtualThreadPerTask() throws InterruptedException {
        if (virtualThreads == null) {
            throw new IllegalStateException("virtual threads need JDK 21+; this is JDK " + Runtime.version());
        }
        handOff(virtualThreads);
    }

    private void handOff(ExecutorService executor) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            executor.execute(() -> {
                burn();
                done.countDown();
            });
        }
        done.await();
    }
}
