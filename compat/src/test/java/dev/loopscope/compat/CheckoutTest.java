package dev.loopscope.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopscope.harness.LoopscopeAssertions;
import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import dev.loopscope.harness.Timeline;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The application's own tests: they pass, and find nothing, alone and in the crowd. */
@LoopscopeTest
class CheckoutTest {

    private static final List<String> BASKET =
            List.of("apple", "bread", "cheese", "dates", "eggs", "figs", "grapes", "honey", "ice");

    @Test
    void addsUpThePricesOnTheLoop(TestLoop loop, Timeline timeline) throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(3, Crowd.named("compat-io"));
        PriceFeed feed = Crowd.priceFeed();
        try {
            Checkout checkout = new Checkout(io, loop, feed);
            int total = Crowd.inSpan("checkout", () -> loop.run(() -> checkout.total(BASKET)));
            assertThat(total).isEqualTo(5209); // 100 × 43 letters + the nine first letters' codes
        } finally {
            io.shutdown();
            assertThat(io.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        Crowd.verifyPricesAsked(feed, 9);

        assertThat(timeline.tasksOf("compat-io")).hasSize(9)
                .allSatisfy(t -> assertThat(t.outcome).isEqualTo("normal"));
        LoopscopeAssertions.assertThat(timeline).hasNoBlockingCalls().hasNoStalls();
    }

    @Test
    void aPriceThatFailsFailsTheTotal(TestLoop loop, Timeline timeline) throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(3, Crowd.named("compat-io-failing"));
        PriceFeed feed = Crowd.priceFeed();
        try {
            Checkout checkout = new Checkout(io, loop, feed);
            assertThatThrownBy(() -> Crowd.inSpan("checkout", () -> loop.run(() -> checkout.total(List.of("")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown sku ''");
        } finally {
            io.shutdown();
            assertThat(io.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        Crowd.verifyPricesAsked(feed, 1);

        // One sku: with more, the agent can also mark a price task that succeeded as failed, when
        // allOf's failure is completed during its run (in its postComplete), so the count would vary.
        assertThat(timeline.tasksOf("compat-io-failing")).extracting(t -> t.outcome)
                .containsExactly("java.lang.IllegalArgumentException: unknown sku ''");
        LoopscopeAssertions.assertThat(timeline).hasNoBlockingCalls().hasNoStalls();
    }
}
