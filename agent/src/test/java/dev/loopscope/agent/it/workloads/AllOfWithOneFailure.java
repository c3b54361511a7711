package dev.loopscope.agent.it.workloads;

import dev.loopscope.api.Loopscope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * {@value #SOURCES} {@code supplyAsync} stages on a pool named "allof-pool", gathered by {@code
 * allOf}: the first throws at once, the others return only once it has failed. The last of them to
 * complete completes the {@code allOf} exceptionally from inside its own completion (the JDK's
 * {@code postComplete}), though its own stage succeeded.
 */
public final class AllOfWithOneFailure {

    public static final int SOURCES = 4;

    public static void main(String[] args) throws Exception {
        ForkJoinPool pool = Loopscope.name(new ForkJoinPool(2), "allof-pool");
        CountDownLatch built = new CountDownLatch(1);
        CompletableFuture<?>[] sources = new CompletableFuture<?>[SOURCES];
        CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("one source failed");
        }, pool);
        sources[0] = failing;
        for (int i = 1; i < SOURCES; i++) {
            int n = i;
            sources[i] = CompletableFuture.supplyAsync(() -> {
                while (built.getCount() > 0 || !failing.isDone()) {
                    Thread.onSpinWait();
                }
                return n;
            }, pool);
        }
        CompletableFuture<Throwable> all = CompletableFuture.allOf(sources).handle((v, e) -> e);
        built.countDown();
        Throwable gathered = all.get(30, TimeUnit.SECONDS);
        System.out.println("allOf failed with " + gathered.getCause());
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
