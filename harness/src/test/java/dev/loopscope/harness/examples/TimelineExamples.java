package dev.loopscope.harness.examples;

import static dev.loopscope.harness.LoopscopeAssertions.assertThat;

import dev.loopscope.harness.AllowBlocking;
import dev.loopscope.harness.BlockingPolicy;
import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import dev.loopscope.harness.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each assertion of {@code LoopscopeAssertions} once passing and once failing, on work of known
 * shape: a crawler whose fetches a semaphore limits to 3 at a time, five calls gathered on a pool
 * of five, the same five calls in series.
 */
public final class TimelineExamples {

    private TimelineExamples() {
    }

    static ExecutorService pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> new Thread(r, name + "-" + n.incrementAndGet()));
    }

    static void nap(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Twelve fetches on a pool of six, at most three at a time: a permit is taken before each submission. */
    /**
     * Twelve fetches, a semaphore holding them to 3 at a time; each fetch is a request the "site"
     * pool serves. The limit is checked where it matters, on the site: a crawler task gives its
     * permit back a few µs before its own run ends, and on a busy machine the thread can be
     * descheduled right there, longer than the 1 ms hand-over the assertion forgives.
     */
    static void crawl() throws Exception {
        ExecutorService crawler = pool("crawler", 6);
        ExecutorService site = pool("site", 6);
        Semaphore permits = new Semaphore(3);
        List<Future<?>> fetches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            permits.acquire();
            fetches.add(crawler.submit(() -> {
                try {
                    site.submit(() -> nap(20)).get();
                } finally {
                    permits.release();
                }
                return null;
            }));
        }
        for (Future<?> f : fetches) {
            f.get();
        }
        crawler.shutdown();
        site.shutdown();
    }

    static void gather(String name, int threads) throws Exception {
        ExecutorService pool = pool(name, threads);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(pool.submit(() -> nap(50)));
        }
        for (Future<?> f : calls) {
            f.get();
        }
        pool.shutdown();
    }

    @LoopscopeTest
    public static class Passing {
        @Test
        void semaphoreLimitsTheCrawler(Timeline timeline) throws Exception {
            crawl();
            assertThat(timeline).maxConcurrency("site").isLessThanOrEqualTo(3).isGreaterThan(1);
        }

        @Test
        void gatheredCallsOverlap(Timeline timeline) throws Exception {
            gather("gather", 5);
            assertThat(timeline).tasksOverlapped("gather");
            assertThat(timeline).runTimePercentile("gather", 50).isGreaterThanOrEqualTo(Duration.ofMillis(45));
            assertThat(timeline).queueWaitPercentile("gather", 99).isLessThan(Duration.ofSeconds(1));
        }

        @Test
        void cleanLoopWork(TestLoop loop, Timeline timeline) throws Exception {
            loop.run(() -> CompletableFuture.supplyAsync(() -> 1, loop));
            assertThat(timeline).hasNoBlockingCalls().hasNoStalls();
        }
    }

    @LoopscopeTest
    public static class Failing {
        @Test
        void crawlerIsNotLimitedToTwo(Timeline timeline) throws Exception {
            crawl();
            assertThat(timeline).maxConcurrency("site").isLessThanOrEqualTo(2);
        }

        @Test
        void serialCallsDoNotOverlap(Timeline timeline) throws Exception {
            gather("serial", 1);
            assertThat(timeline).tasksOverlapped("serial");
        }

        @Test
        void serialCallsWaitInTheQueue(Timeline timeline) throws Exception {
            gather("serial", 1);
            assertThat(timeline).queueWaitPercentile("serial", 99).isLessThan(Duration.ofMillis(10));
        }

        @Test
        @AllowBlocking
        void blockedTheLoop(TestLoop loop, Timeline timeline) throws Exception {
            loop.run(() -> {
                nap(20);
                return CompletableFuture.completedFuture(null);
            });
            assertThat(timeline).hasNoBlockingCalls();
        }

        @Test
        @LoopscopeTest(blocking = BlockingPolicy.OFF)
        void stalledTheLoop(TestLoop loop, Timeline timeline) throws Exception {
            loop.run(() -> {
                long end = System.nanoTime() + 250_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return CompletableFuture.completedFuture(null);
            });
            assertThat(timeline).hasNoStalls();
        }

        @Test
        void unknownExecutor(Timeline timeline) {
            assertThat(timeline).maxConcurrency("no-such-pool").isLessThan(2);
        }
    }
}
