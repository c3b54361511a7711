package dev.loopscope.agent.it.workloads;

import java.util.concurrent.CompletableFuture;

/**
 * {@value #BATCHES} batches of {@value #BATCH} empty {@code runAsync} tasks on the common pool
 * (run with a parallelism of 2), a pause after each so the workers go idle. The JDK erases a
 * common-pool worker's thread-locals after top-level tasks (17) or when it goes idle (25):
 * hundreds of times in this run.
 */
public final class CommonPoolBatches {

    public static final int BATCHES = 200;
    public static final int BATCH = 100;

    public static void main(String[] args) throws Exception {
        for (int b = 0; b < BATCHES; b++) {
            CompletableFuture<?>[] batch = new CompletableFuture<?>[BATCH];
            for (int i = 0; i < BATCH; i++) {
                batch[i] = CompletableFuture.runAsync(() -> { });
            }
            CompletableFuture.allOf(batch).join();
            Thread.sleep(2);
        }
    }
}
