package dev.loopscope.harness;

import dev.loopscope.harness.internal.LoopEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A test's event loop: one thread that runs tasks one at a time, in order, and a virtual clock.
 * Hand it to the code under test as its executor. Injected into test and lifecycle methods of a
 * {@link LoopscopeTest}; a fresh one per test unless {@link LoopScope#PER_CLASS}.
 *
 * <p>Scheduled tasks ({@code schedule*}, {@link #delay}) run on <em>virtual time</em>: nothing
 * waits for real. Time moves when the test says so ({@link #advanceBy}), and on its own while
 * {@link #run} or {@link #runUntilIdle} wait and the loop is idle: the clock then jumps straight
 * to the next timer, so an hour of retries and back-offs takes milliseconds, always in the same order.
 */
public final class TestLoop extends AbstractExecutorService implements ScheduledExecutorService {

    private final LoopEngine engine;

    /** Made by the Loopscope extension, which keeps the engine to check the loop at the end of its scope. */
    public TestLoop(LoopEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Runs {@code body} on the loop and waits for the stage it returns, for at most the test's
     * timeout, letting virtual time jump while the loop is idle. Returns the stage's value or
     * throws its failure, unwrapped from {@code CompletionException}/{@code ExecutionException}.
     */
    public <T> T run(Callable<? extends CompletionStage<T>> body) throws Exception {
        Objects.requireNonNull(body, "body");
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                CompletionStage<T> stage = body.call();
                if (stage == null) {
                    result.completeExceptionally(new NullPointerException("the body given to TestLoop.run returned null, not a CompletionStage"));
                } else {
                    stage.whenComplete((value, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            result.complete(value);
                        }
                    });
                }
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        engine.awaitWithAutoJump(result, deadline());
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw rethrow(unwrap(e.getCause()));
        }
    }

    /**
     * Runs what is queued, and every timer by jumping virtual time to it, until nothing is left
     * but periodic timers (which would never end). Call it from the test, not from the loop.
     */
    public void runUntilIdle() throws InterruptedException {
        engine.runUntilIdle(deadline());
    }

    /** Moves virtual time forward by {@code duration}, running every task that comes due on the way, in order. */
    public void advanceBy(Duration duration) throws InterruptedException {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("advanceBy(" + duration + "): virtual time only moves forward");
        }
        engine.advanceBy(duration.toNanos(), deadline());
    }

    /** A clock on the loop's virtual time: it starts at the real time the loop was made, and moves only with it. */
    public Clock clock() {
        return new VirtualClock(ZoneOffset.UTC);
    }

    /** A stage that completes, on the loop, once {@code duration} of virtual time has passed. */
    public CompletionStage<Void> delay(Duration duration) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.schedule(() -> done.complete(null), duration.toNanos(), 0);
        return done;
    }

    /** The name of the loop's thread ({@code loopscope-test-loop-N}), a loop thread to the agent. */
    public String threadName() {
        return engine.threadName();
    }

    // ---- ScheduledExecutorService ----

    @Override
    public void execute(Runnable command) {
        engine.execute(Objects.requireNonNull(command, "command"));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return engine.newTask(runnable, value);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return engine.newTask(callable);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        return engine.schedule(() -> {
            command.run();
            return null;
        }, unit.toNanos(delay), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return engine.schedule(Objects.requireNonNull(callable, "callable"), unit.toNanos(delay), 0);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return periodic(command, initialDelay, positive(period, "period"), unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return periodic(command, initialDelay, -positive(delay, "delay"), unit);
    }

    private ScheduledFuture<?> periodic(Runnable command, long initialDelay, long period, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        return engine.schedule(() -> {
            command.run();
            return null;
        }, unit.toNanos(initialDelay), unit.toNanos(period));
    }

    private static long positive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }

    @Override
    public void shutdown() {
        engine.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return engine.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return engine.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return engine.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return engine.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "TestLoop[" + engine.threadName() + ", virtual time " + TimeUnit.NANOSECONDS.toMillis(engine.nowNanos()) + " ms]";
    }

    // ---- helpers ----

    private long deadline() {
        return System.nanoTime() + engine.timeout().toNanos();
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Exception rethrow(Throwable t) {
        if (t instanceof Error) {
            throw (Error) t;
        }
        return (Exception) t;
    }

    /** A {@link Clock} reading the loop's virtual time. */
    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new VirtualClock(z);
        }

        @Override
        public Instant instant() {
            long nanos = engine.epochNanos();
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        }
    }
}
