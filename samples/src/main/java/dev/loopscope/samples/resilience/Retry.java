package dev.loopscope.samples.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Retries an async call with exponential back-off: after a failure it waits {@code firstDelay},
 * then twice that, and so on up to {@link #MAX_DELAY}, without holding a thread while it waits (the
 * next attempt is a timer on {@code scheduler}). On a test's {@code TestLoop} the waits are
 * virtual: an hour of back-off takes milliseconds.
 */
public final class Retry {

    /** The longest wait between two attempts, however many came before. */
    public static final Duration MAX_DELAY = Duration.ofHours(1);

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
     * last failure with every earlier one attached to it as suppressed, oldest first.
     */
    public <T> CompletableFuture<T> call(Supplier<? extends CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, firstDelay, new ArrayList<>(), result);
        return result;
    }

    private <T> void attempt(Supplier<? extends CompletionStage<T>> call, Duration delay, List<Throwable> failures,
                             CompletableFuture<T> result) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e); // a call that throws instead of failing its stage
        }
        stage.whenComplete((value, failure) -> {
            // Whatever goes wrong in here must reach the caller: an exception thrown from a
            // whenComplete callback would be lost, and the result would never complete.
            try {
                if (failure == null) {
                    result.complete(value);
                } else if (failures.size() + 1 >= maxAttempts) {
                    result.completeExceptionally(withEarlier(unwrap(failure), failures));
                } else {
                    failures.add(unwrap(failure));
                    Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
                    scheduler.schedule(() -> attempt(call, next, failures, result), delay.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e); // the scheduler shut down, say
            }
        });
    }

    private static Throwable withEarlier(Throwable last, List<Throwable> earlier) {
        for (Throwable e : earlier) {
            if (e != last) { // the same exception object twice (a shared, stackless one) cannot suppress itself
                last.addSuppressed(e);
            }
        }
        return last;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
