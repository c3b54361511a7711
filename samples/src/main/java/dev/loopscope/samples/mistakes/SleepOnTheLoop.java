package dev.loopscope.samples.mistakes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waiting by sleeping. Polling a status three times, 20 ms apart, with {@code Thread.sleep}
 * holds the loop thread for 60 ms: every other task on the loop waits too.
 */
public final class SleepOnTheLoop {

    private SleepOnTheLoop() {
    }

    /** Wrong: sleeps on the loop between polls. */
    public static CompletableFuture<Integer> pollWrong(Executor loop, int polls) {
        return CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < polls; i++) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return polls;
        }, loop);
    }

    /** Right: each poll is a timer; between them the loop is free. */
    public static CompletableFuture<Integer> pollRight(ScheduledExecutorService loop, int polls) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        poll(loop, 0, polls, done);
        return done;
    }

    private static void poll(ScheduledExecutorService loop, int done, int polls, CompletableFuture<Integer> result) {
        if (done == polls) {
            result.complete(polls);
        } else {
            loop.schedule(() -> poll(loop, done + 1, polls, result), 20, TimeUnit.MILLISECONDS);
        }
    }
}
