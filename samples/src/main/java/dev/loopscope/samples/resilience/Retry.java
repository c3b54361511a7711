package dev.loopscope.samples.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Retries an async call with exponential back-off: after a failure it waits {@code firstDelay},
 * then twice that, and so on, without holding a thread while it waits (the next attempt is a
 * timer on {@code scheduler}). On a test's {@code TestLoop} the waits are virtual: an hour of
 * back-off takes milliseconds.
 */
public final class Retry {

    private final ScheduledExecutorService scheduler;
    private final int maxAttempts;
    private final Duration firstDelay;

    public Retry(ScheduledExecutorService scheduler, int maxAttempts, Duration firstDelay) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (firstDelay.isNegative()) {
            throw new IllegalArgumentException("firstDelay must not be negative, was " + firstDelay);
        }
        this.scheduler = scheduler;
        this.maxAttempts = maxAttempts;
        this.firstDelay = firstDelay;
    }

    /**
     * The first successful result of {@code call}; or, after {@code maxAttempts} failures, the
     * last failure, with the earlier ones attached as suppressed exceptions.
     */
    public <T> CompletableFuture<T> call(Supplier<? extends CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, 1, firstDelay, null, result);
        return result;
    }

    private <T> void attempt(Supplier<? extends CompletionStage<T>> call, int attempt, Duration delay,
                             Throwable earlier, CompletableFuture<T> result) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e); // a call that throws instead of failing its stage
        }
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable cause = unwrap(failure);
            if (earlier != null) {
                cause.addSuppressed(earlier);
            }
            if (attempt >= maxAttempts) {
                result.completeExceptionally(cause);
            } else {
                scheduler.schedule(() -> attempt(call, attempt + 1, delay.multipliedBy(2), cause, result),
                        delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }
}
