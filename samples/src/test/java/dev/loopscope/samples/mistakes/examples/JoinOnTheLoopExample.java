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

    /** Prices another service delivers 50 ms from now. */
    private static CompletableFuture<List<Double>> pricesSoon() {
        return CompletableFuture.supplyAsync(() -> List.of(1.5, 2.5),
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void wrong(TestLoop loop) throws Exception {
        CompletableFuture<List<Double>> prices = pricesSoon();
        assertThat(loop.run(() -> JoinOnTheLoop.totalWrong(loop, prices))).isEqualTo(4.0);
    }

    @Test
    void right(TestLoop loop) throws Exception {
        CompletableFuture<List<Double>> prices = pricesSoon();
        assertThat(loop.run(() -> JoinOnTheLoop.totalRight(loop, prices))).isEqualTo(4.0);
    }
}
