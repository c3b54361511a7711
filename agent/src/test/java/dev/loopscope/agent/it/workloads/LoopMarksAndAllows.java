package dev.loopscope.agent.it.workloads;

import dev.loopscope.api.Loopscope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The ways a thread becomes a loop, and the ways a blocking call is allowed, each with a sleep
 * at a call site of its own (the method that calls {@code Thread.sleep}): a common-pool task ({@link #inCommonPool}); an executor marked
 * through the API ({@link #onMarkedExecutor}); a thread named after a {@code loops=} glob given
 * by the test ({@link #onGlobThread}); a thread marked through the API ({@link #onMarkedThread});
 * on that thread, a sleep inside a method the test allows ({@link #allowedByOption}) and one
 * inside a method allowed through the API ({@link #allowedByApi}); and the same call site hit
 * three times ({@link #repeated}), which warns once.
 */
public final class LoopMarksAndAllows {

    private LoopMarksAndAllows() {
    }

    public static void main(String[] args) throws Exception {
        // Straight into the pool: on a 2-core JDK 17, CompletableFuture's async methods use a thread
        // per task instead, and a ForkJoinTask's get() from main may run the task on main itself.
        CompletableFuture<Void> done = new CompletableFuture<>();
        ForkJoinPool.commonPool().execute(() -> {
            inCommonPool();
            done.complete(null);
        });
        done.get();

        ExecutorService marked = Loopscope.markLoop(Executors.newSingleThreadExecutor(r -> new Thread(r, "custom-1")));
        marked.submit(LoopMarksAndAllows::onMarkedExecutor).get();
        marked.shutdown();

        Thread glob = new Thread(LoopMarksAndAllows::onGlobThread, "my-loop-1");
        glob.start();
        glob.join();

        try {
            Loopscope.allowBlocking("sleep");
            System.out.println("allowBlocking accepted a bad entry");
        } catch (IllegalArgumentException e) {
            System.out.println("rejected: " + e.getMessage());
        }
        Loopscope.allowBlocking(LoopMarksAndAllows.class.getName() + ".allowedByApi");
        Thread markedThread = new Thread(() -> {
            Loopscope.markLoop(Thread.currentThread());
            onMarkedThread();
            allowedByOption();
            allowedByApi();
            for (int i = 0; i < 3; i++) {
                repeated();
            }
        }, "plain-name");
        markedThread.start();
        markedThread.join();
        marked.awaitTermination(10, TimeUnit.SECONDS);
    }

    static void inCommonPool() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void onMarkedExecutor() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void onGlobThread() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void onMarkedThread() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void allowedByOption() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void allowedByApi() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void repeated() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
