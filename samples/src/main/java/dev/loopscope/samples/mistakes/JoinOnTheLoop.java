package dev.loopscope.samples.mistakes;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code join()} on the loop. The task waits for prices another service is still fetching, and
 * the loop thread waits with it; had the prices needed the loop to finish, it would never wake.
 */
public final class JoinOnTheLoop {

    private JoinOnTheLoop() {
    }

    /** Wrong: waits for the prices on the loop. */
    public static CompletableFuture<Double> totalWrong(Executor loop, CompletableFuture<List<Double>> prices) {
        return CompletableFuture.supplyAsync(() -> sum(prices.join()), loop);
    }

    /** Right: the sum is a stage that runs on the loop once the prices are there. */
    public static CompletableFuture<Double> totalRight(Executor loop, CompletableFuture<List<Double>> prices) {
        return prices.thenApplyAsync(JoinOnTheLoop::sum, loop);
    }

    private static double sum(List<Double> prices) {
        return prices.stream().mapToDouble(Double::doubleValue).sum();
    }
}
