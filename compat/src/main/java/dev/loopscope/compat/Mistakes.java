package dev.loopscope.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The classic mistakes on a loop, one each, for Loopscope to find. */
public final class Mistakes {

    private Mistakes() {
    }

    /** Waits by sleeping on the loop. */
    public static CompletableFuture<String> sleepOnTheLoop(Executor loop) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "polled";
        }, loop);
    }

    /** Reads a file on the loop. */
    public static CompletableFuture<String> readOnTheLoop(Executor loop, Path file) {
        return CompletableFuture.supplyAsync(() -> read(file), loop);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits on the loop for a future that is not complete yet. */
    public static CompletableFuture<Integer> joinOnTheLoop(Executor loop, CompletableFuture<Integer> price) {
        return CompletableFuture.supplyAsync(() -> price.join() + 1, loop);
    }

    /** Holds the loop with CPU work for {@code millis} (wall clock). */
    public static CompletableFuture<Long> spinOnTheLoop(Executor loop, long millis) {
        return CompletableFuture.supplyAsync(() -> spin(millis), loop);
    }

    static long spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.bitCount(x + System.nanoTime());
        }
        return x;
    }
}
