package dev.loopscope.samples.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopscope.harness.LoopscopeTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

/** orTimeout, exceptionally and handle against a backend that answers, hangs or fails (real time: 100 ms deadlines). */
@LoopscopeTest
class PriceServiceTest {

    /** Answers each symbol as told: a price, a failure, or never. */
    private final ConcurrentMap<String, CompletableFuture<Double>> backend = new ConcurrentHashMap<>();
    private final PriceService prices = new PriceService(this::lookUp, Duration.ofMillis(100));

    private CompletionStage<Double> lookUp(String symbol) {
        if (symbol.equals("BOOM")) {
            throw new IllegalStateException("backend bug"); // throws instead of failing its stage
        }
        CompletableFuture<Double> answer = backend.get(symbol);
        return answer != null ? answer : new CompletableFuture<>();
    }

    @Test
    void aLivePriceWithinTheDeadline() {
        backend.put("ACME", CompletableFuture.completedFuture(12.5));

        assertThat(prices.quote("ACME").join()).isEqualTo(new PriceService.Quote("ACME", 12.5, false));
        assertThat(prices.describe("ACME").join()).isEqualTo("ACME 12.50");
    }

    @Test
    void aHangingBackendGivesTheLastKnownPriceAfterTheDeadline() {
        backend.put("ACME", CompletableFuture.completedFuture(12.5));
        prices.quote("ACME").join();
        backend.remove("ACME"); // from now on the backend never answers

        long start = System.nanoTime();
        PriceService.Quote quote = prices.quote("ACME").join();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(quote).isEqualTo(new PriceService.Quote("ACME", 12.5, true));
        assertThat(millis).isBetween(100L, 1_000L);
        assertThat(prices.describe("ACME").join()).isEqualTo("ACME 12.50 (stale)");
    }

    @Test
    void noPriceAtAllFailsClearlyAndDescribeSaysWhy() {
        backend.put("DOWN", CompletableFuture.failedFuture(new IllegalStateException("backend down")));

        assertThatThrownBy(() -> prices.quote("DOWN").join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(PriceService.PriceUnavailableException.class)
                .hasMessage("no price for DOWN: java.lang.IllegalStateException: backend down");
        assertThat(prices.describe("NEVER").join()).isEqualTo("NEVER unavailable (no price for NEVER: timed out)");
        assertThat(prices.describe("BOOM").join())
                .isEqualTo("BOOM unavailable (no price for BOOM: java.lang.IllegalStateException: backend bug)");
    }
}
