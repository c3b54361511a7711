package dev.loopscope.compat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/** The application: fetches prices on an I/O pool, one task each, and adds them up on its loop. */
public final class Checkout {

    private final Executor io;
    private final Executor loop;
    private final PriceFeed feed;

    public Checkout(Executor io, Executor loop, PriceFeed feed) {
        this.io = io;
        this.loop = loop;
        this.feed = feed;
    }

    /** The total of {@code skus}' prices; fails if any price does. */
    public CompletableFuture<Integer> total(List<String> skus) {
        List<CompletableFuture<Integer>> prices = skus.stream()
                .map(sku -> CompletableFuture.supplyAsync(() -> feed.priceOf(sku), io))
                .collect(Collectors.toList());
        return CompletableFuture.allOf(prices.toArray(new CompletableFuture<?>[0]))
                .thenApplyAsync(done -> prices.stream().mapToInt(CompletableFuture::join).sum(), loop);
    }
}
