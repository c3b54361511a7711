package dev.loopscope.harness.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.AllowBlocking;
import dev.loopscope.harness.BlockingPolicy;
import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Example test classes, each showing one thing the harness passes or fails; {@code HarnessTest}
 * runs them through the JUnit Platform and checks each outcome and message. They fail on purpose,
 * so the build does not run them directly.
 */
public final class LoopExamples {

    private LoopExamples() {
    }

    @LoopscopeTest
    public static class Passing {
        @Test
        void asyncChainOnTheLoop(TestLoop loop) throws Exception {
            int answer = loop.run(() -> CompletableFuture.supplyAsync(() -> 6, loop).thenApplyAsync(x -> x * 7, loop));
            assertThat(answer).isEqualTo(42);
        }

        @Test
        void failureOfTheStageIsRethrownUnwrapped(TestLoop loop) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> loop.run(() -> CompletableFuture.supplyAsync(() -> {
                throw new IllegalArgumentException("bad order");
            }, loop))).isInstanceOf(IllegalArgumentException.class).hasMessage("bad order");
        }
    }

    @LoopscopeTest
    public static class BlockingOnTheLoop {
        @Test
        void sleepsOnTheLoop(TestLoop loop) throws Exception {
            loop.run(() -> {
                napOnTheLoop();
                return CompletableFuture.completedFuture(null);
            });
        }

        static void napOnTheLoop() throws InterruptedException {
            Thread.sleep(30);
        }

        @Test
        @AllowBlocking("a legacy client, on purpose")
        void allowedToBlock(TestLoop loop) throws Exception {
            loop.run(() -> {
                napOnTheLoop();
                return CompletableFuture.completedFuture(null);
            });
        }

        @Test
        @LoopscopeTest(blocking = BlockingPolicy.WARN)
        void onlyWarns(TestLoop loop) throws Exception {
            loop.run(() -> {
                napOnTheLoop();
                return CompletableFuture.completedFuture(null);
            });
        }
    }

    @LoopscopeTest(stall = "100ms")
    public static class Stall {
        @Test
        void spinsOnTheLoop(TestLoop loop) throws Exception {
            loop.run(() -> {
                crunchNumbers();
                return CompletableFuture.completedFuture(null);
            });
        }

        static long crunchNumbers() {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            long x = 0;
            while (System.nanoTime() < end) {
                x += Long.bitCount(x + System.nanoTime());
            }
            return x;
        }
    }

    @LoopscopeTest(timeout = "500ms")
    public static class Hang {
        @Test
        void waitsForever(TestLoop loop) throws Exception {
            loop.submit(Hang::busyUntilInterrupted);
            Future<?> queued = loop.submit(() -> "never runs");
            queued.get();
        }

        static void busyUntilInterrupted() {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        }
    }

    /** A test that ignores the interrupt at its timeout, and one after it that must still run. */
    @LoopscopeTest(timeout = "300ms")
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    public static class IgnoresInterrupts {
        /** Lets the abandoned thread go once its test has been checked. */
        public static volatile boolean released;

        @Test
        void a_swallowsEveryInterrupt() {
            while (!released) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException swallowed) {
                    // the mistake this example makes
                }
            }
        }

        @Test
        void b_runsAfterIt() {
        }
    }

    /** Many tests, each with a loop (a thread, and so a log of the agent's, each), each recorded. */
    @LoopscopeTest
    public static class ManyLoops {
        @org.junit.jupiter.api.RepeatedTest(400)
        void runsATask(TestLoop loop, dev.loopscope.harness.Timeline timeline) throws Exception {
            loop.run(() -> CompletableFuture.supplyAsync(() -> 1, loop));
            assertThat(timeline.tasks()).as("this test's tasks, however many threads ran before").isNotEmpty();
        }
    }

    /** One test that records more than a small buffer holds. */
    @LoopscopeTest
    public static class Flood {
        @Test
        void runsTensOfThousandsOfTasks(TestLoop loop) throws Exception {
            for (int i = 0; i < 50_000; i++) {
                loop.execute(() -> { });
            }
            loop.runUntilIdle();
        }
    }

    @LoopscopeTest
    public static class Leak {
        @Test
        void leavesATimerBehind(TestLoop loop) {
            loop.schedule(() -> { }, 1, TimeUnit.MINUTES);
        }
    }

    @LoopscopeTest
    public static class LostException {
        @Test
        void submitsAndForgets(TestLoop loop) throws Exception {
            loop.submit(() -> {
                throw new IllegalStateException("nobody looked at me");
            });
            loop.runUntilIdle();
        }
    }

    /** CompletableFutures made outside the loop (the common pool, the test thread): the agent tracks them. */
    @LoopscopeTest
    public static class Futures {
        @Test
        void failsInThePoolAndIsForgotten() {
            CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("lost in the pool");
            });
        }

        @Test
        void dropsTheEndOfAChain() {
            CompletableFuture.supplyAsync(() -> 1).thenApply(x -> {
                if (x > 0) {
                    throw new IllegalArgumentException("the chain's last stage failed");
                }
                return x;
            });
        }

        @Test
        void neverCompletesNorLooksAtAFuture() {
            new CompletableFuture<String>();
        }

        /** orTimeout attaches a whenComplete of its own: the timeout is still lost if nobody looks. */
        @Test
        void timesOutAndNobodyLooks() throws InterruptedException {
            new CompletableFuture<String>().orTimeout(10, TimeUnit.MILLISECONDS);
            Thread.sleep(100);
        }

        @Test
        void timesOutAndFallsBack() {
            String reply = new CompletableFuture<String>().orTimeout(10, TimeUnit.MILLISECONDS)
                    .exceptionally(timeout -> "fallback").join();
            assertThat(reply).isEqualTo("fallback");
        }

        /** Stages whose state cannot be read (completedStage, failedStage): untracked, and no harm done. */
        @Test
        void usesMinimalStages() {
            int n = CompletableFuture.completedStage(20).thenApply(x -> x + 1).toCompletableFuture().join();
            String s = CompletableFuture.<String>failedStage(new IllegalStateException("handled"))
                    .exceptionally(Throwable::getMessage).toCompletableFuture().join();
            assertThat(n + s).isEqualTo("21handled");
        }

        @Test
        void observesEachFailure() throws Exception {
            CompletableFuture<Object> joined = CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("joined");
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(joined::join).hasMessageContaining("joined");
            // whenComplete sees the failure; the future it returns carries the same one
            CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("logged");
            }).whenComplete((value, failure) -> { });
            // a composed future that failed at once is read through the stage that relays it
            int recovered = CompletableFuture.completedFuture(1)
                    .thenCompose(x -> CompletableFuture.<Integer>failedFuture(new IllegalStateException("composed")))
                    .exceptionally(e -> 0).join();
            assertThat(recovered).isZero();
            CompletableFuture<String> checked = new CompletableFuture<>();
            assertThat(checked).isNotDone();
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> { }), CompletableFuture.runAsync(() -> { })).get();
        }

        @Test
        void blocksInTheCommonPool() {
            // Straight into the pool: with fewer than 3 cores, CompletableFuture's async methods
            // start a thread per task instead of using the common pool.
            CompletableFuture<Void> done = new CompletableFuture<>();
            java.util.concurrent.ForkJoinPool.commonPool().execute(() -> {
                napInThePool();
                done.complete(null);
            });
            done.join();
        }

        static void napInThePool() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @LoopscopeTest(timeout = "500ms")
    public static class HangOnFutures {
        @Test
        void waitsForAFutureNobodyCompletes() throws Exception {
            CompletableFuture<String> reply = new CompletableFuture<>();
            reply.thenApply(String::length).get();
        }

        /** JDK 21+: the virtual thread belongs to no thread group of the test; the agent knows it is the test's. */
        @Test
        void waitsForAVirtualThread() throws Exception {
            java.util.concurrent.ExecutorService virtual = (java.util.concurrent.ExecutorService)
                    java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            virtual.submit(HangOnFutures::parksOnAVirtualThread).get();
        }

        static void parksOnAVirtualThread() {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
        }
    }

    @LoopscopeTest
    public static class EndedLoopThread {
        /** A loop thread by name (Reactor's) that blocks and is gone before the test ends. */
        @Test
        void blocksOnALoopThreadThatEnds() throws Exception {
            Thread loop = new Thread(EndedLoopThread::napOnAShortLivedLoop, "parallel-short-lived");
            loop.start();
            loop.join();
        }

        static void napOnAShortLivedLoop() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @LoopscopeTest
    public static class UncaughtOnSpawnedThread {
        @Test
        void spawnsAThreadThatDies() throws Exception {
            Thread t = new Thread(() -> {
                throw new IllegalStateException("boom on a spawned thread");
            }, "spawned-worker");
            t.start();
            t.join();
        }
    }

    @LoopscopeTest
    public static class VirtualTime {
        public static final AtomicInteger ATTEMPTS = new AtomicInteger();

        @Test
        void anHourOfBackOffInMilliseconds(TestLoop loop) throws Exception {
            Instant before = loop.clock().instant();
            long wallStart = System.nanoTime();
            String result = loop.run(() -> retry(loop, Duration.ofSeconds(1), 1));
            long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
            assertThat(result).isEqualTo("ok after 13 attempts");
            assertThat(Duration.between(before, loop.clock().instant())).isGreaterThanOrEqualTo(Duration.ofHours(1));
            assertThat(wallMillis).isLessThan(1000);
        }

        /** Fails 12 times, then succeeds; waits 1 s, 2 s, 4 s, ... between attempts (4095 s in all). */
        static CompletionStage<String> retry(TestLoop loop, Duration backOff, int attempt) {
            ATTEMPTS.incrementAndGet();
            if (attempt == 13) {
                return CompletableFuture.completedFuture("ok after " + attempt + " attempts");
            }
            return loop.delay(backOff).thenCompose(v -> retry(loop, backOff.multipliedBy(2), attempt + 1));
        }

        @Test
        void advanceByRunsWhatComesDueInOrder(TestLoop loop) throws Exception {
            StringBuilder order = new StringBuilder();
            loop.schedule(() -> order.append('b'), 2, TimeUnit.SECONDS);
            loop.schedule(() -> order.append('a'), 1, TimeUnit.SECONDS);
            loop.schedule(() -> order.append('c'), 3, TimeUnit.SECONDS);
            loop.advanceBy(Duration.ofMillis(2500));
            assertThat(order).hasToString("ab");
            loop.advanceBy(Duration.ofSeconds(1));
            assertThat(order).hasToString("abc");
        }
    }

    @LoopscopeTest(timeout = "ten seconds")
    public static class BadSetting {
        @Test
        void neverRuns() {
        }
    }
}
