package dev.loopscope.agent.it.workloads;

import dev.loopscope.api.Loopscope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * {@value #CHAINS} chains supplyAsync → thenApplyAsync → thenAcceptAsync on a ForkJoinPool named
 * "cf-pool" through the public API, plus one chain whose supplier throws. Suppliers wait until all
 * chains are built, so every dependent stage is submitted by the thread completing its source.
 */
public final class CompletableChains {

    public static final int CHAINS = 10;

    public static void main(String[] args) throws Exception {
        ForkJoinPool pool = Loopscope.name(new ForkJoinPool(2), "cf-pool");
        CountDownLatch built = new CountDownLatch(1);
        List<CompletableFuture<?>> chains = new ArrayList<>();
        for (int i = 0; i < CHAINS; i++) {
            int n = i;
            chains.add(CompletableFuture.supplyAsync(() -> {
                await(built);
                return n;
            }, pool).thenApplyAsync(x -> x + 1, pool).thenAcceptAsync(x -> { }, pool));
        }
        CompletableFuture<Integer> failing = CompletableFuture.<Integer>supplyAsync(() -> {
            await(built);
            throw new IllegalStateException("chain failed");
        }, pool);
        chains.add(failing.thenApplyAsync(x -> x + 1, pool).exceptionally(e -> -1));
        built.countDown();
        CompletableFuture.allOf(chains.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
