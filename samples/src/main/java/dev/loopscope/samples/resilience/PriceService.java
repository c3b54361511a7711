package dev.loopscope.samples.resilience;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Prices from a backend that can be slow or down: a deadline on every call ({@code orTimeout}),
 * the last known price when the backend fails ({@code exceptionally}), and a describing call
 * that never fails ({@code handle}).
 */
public final class PriceService {

    /** A price, and whether it is live or the last known one. */
    public record Quote(String symbol, double price, boolean stale) {
    }

    /** No live price and none known from before. */
    public static final class PriceUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PriceUnavailableException(String symbol, Throwable cause) {
            super("no price for " + symbol + ": " + reason(cause), cause);
        }
    }

    private final Function<String, ? extends CompletionStage<Double>> backend;
    private final Duration deadline;
    private final Map<String, Double> lastKnown = new ConcurrentHashMap<>();

    public PriceService(Function<String, ? extends CompletionStage<Double>> backend, Duration deadline) {
        this.backend = backend;
        this.deadline = deadline;
    }

    /** A live price within the deadline, else the last known one, else a PriceUnavailableException. */
    public CompletableFuture<Quote> quote(String symbol) {
        return ask(symbol)
                // copy(): orTimeout completes the future it is called on, and the backend's own
                // future is not ours to complete.
                .copy()
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(price -> {
                    lastKnown.put(symbol, price);
                    return new Quote(symbol, price, false);
                })
                .exceptionally(failure -> {
                    Double last = lastKnown.get(symbol);
                    if (last == null) {
                        throw new PriceUnavailableException(symbol, failure);
                    }
                    return new Quote(symbol, last, true);
                });
    }

    /** One line for a dashboard: the price, or why there is none. Never fails. */
    public CompletableFuture<String> describe(String symbol) {
        return quote(symbol).handle((quote, failure) -> failure == null
                ? String.format(Locale.ROOT, "%s %.2f%s", symbol, quote.price(), quote.stale() ? " (stale)" : "")
                : symbol + " unavailable (" + reason(failure) + ")");
    }

    /** The backend's answer; a backend that throws instead of failing its stage fails it here. */
    private CompletableFuture<Double> ask(String symbol) {
        try {
            return backend.apply(symbol).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof PriceUnavailableException) {
            return cause.getMessage();
        }
        return cause instanceof TimeoutException ? "timed out" : cause.toString();
    }
}
