package dev.loopscope.samples.mistakes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import dev.loopscope.samples.mistakes.JoinOnTheLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@LoopscopeTest
public class JoinOnTheLoopExample {

    /**
     * Prices another service delivers 50 ms after the total was asked for. The timer starts on the
     * loop, in the task before the total's: however late the loop runs, the total waits for them.
     */
    private static void deliverSoon(CompletableFuture<List<Double>> prices) {
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> prices.complete(List.of(1.5, 2.5)));
    }

    @Test
    void wrong(TestLoop loop) throws Exception {
        CompletableFuture<List<Double>> prices = new CompletableFuture<>();
        assertThat(loop.run(() -> {
            CompletableFuture<Double> total = JoinOnTheLoop.totalWrong(loop, prices);
            deliverSoon(prices);
            return total;
        })).isEqualTo(4.0);
    }

    @Test
    void right(TestLoop loop) throws Exception {
        CompletableFuture<List<Double>> prices = new CompletableFuture<>();
        assertThat(loop.run(() -> {
            CompletableFuture<Double> total = JoinOnTheLoop.totalRight(loop, prices);
            deliverSoon(prices);
            return total;
        })).isEqualTo(4.0);
    }
}
