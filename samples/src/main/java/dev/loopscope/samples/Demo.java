package dev.loopscope.samples;

import dev.loopscope.api.Loopscope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small mix of the async work real programs do, for a first look at the agent's report: a
 * request pool fanning out to an I/O pool, CompletableFuture pipelines, a periodic timer, and a
 * few failures. Run it under the agent (see README, "Set-up") and open the report it names.
 */
public final class Demo {

    public static void main(String[] args) throws Exception {
        ExecutorService requests = Loopscope.name(Executors.newFixedThreadPool(4), "requests");
        ExecutorService io = Loopscope.name(Executors.newFixedThreadPool(8), "io");
        ForkJoinPool compute = Loopscope.name(new ForkJoinPool(2), "compute");
        ScheduledExecutorService timer = Loopscope.name(Executors.newSingleThreadScheduledExecutor(), "timer");

        timer.scheduleAtFixedRate(() -> sleep(2), 0, 25, TimeUnit.MILLISECONDS);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int request = i;
            pending.add(CompletableFuture
                    .supplyAsync(() -> handle(request, io), requests)
                    .thenApplyAsync(Demo::render, compute)
                    .exceptionally(e -> "failed: " + e.getCause().getMessage()));
            sleep(3);
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        for (ExecutorService e : List.of(requests, io, compute, timer)) {
            e.shutdown();
            e.awaitTermination(10, TimeUnit.SECONDS);
        }
        System.out.println("demo done: " + pending.size() + " requests");
    }

    /** A request: three backend calls in parallel on the I/O pool, then a little CPU work. */
    private static String handle(int request, ExecutorService io) {
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int backend = 0; backend < 3; backend++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                sleep(5 + ThreadLocalRandom.current().nextInt(20));
                return 1;
            }, io));
        }
        int total = calls.stream().mapToInt(CompletableFuture::join).sum();
        if (request % 17 == 16) {
            throw new IllegalStateException("backend timeout for request " + request);
        }
        return "request " + request + ": " + total;
    }

    private static String render(String body) {
        long end = System.nanoTime() + 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        return body.toUpperCase(java.util.Locale.ROOT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
