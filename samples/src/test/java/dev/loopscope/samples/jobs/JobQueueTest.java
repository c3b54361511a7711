package dev.loopscope.samples.jobs;

import static dev.loopscope.harness.LoopscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.Timeline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@LoopscopeTest
class JobQueueTest {

    @Test
    void runsEveryJobOnItsWorkersAndReportsEachResult(Timeline timeline) throws Exception {
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        JobQueue queue = new JobQueue("thumbnails", 3, 100);
        try (queue) {
            for (int i = 0; i < 60; i++) {
                int image = i;
                results.add(queue.submit(() -> {
                    Thread.sleep(2);
                    if (image == 13) {
                        throw new IOException("image 13 is corrupt");
                    }
                    return image * 2;
                }));
            }
        }
        assertThat(results.get(20).join()).isEqualTo(40);
        assertThat(queue.succeeded()).isEqualTo(59);
        assertThat(queue.failed()).isEqualTo(1);
        assertThatThrownBy(() -> results.get(13).join()).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("image 13 is corrupt");
        assertThat(timeline.tasksOf("thumbnails")).hasSize(60);
        assertThat(timeline).maxConcurrency("thumbnails").isEqualTo(3); // all three workers busy at once
        assertThat(timeline).hasNoBlockingCalls();
    }

    @Test
    void closeFinishesEveryAcceptedJobBeforeItReturns() throws Exception {
        JobQueue queue = new JobQueue("reports", 2, 50);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int report = i;
            results.add(queue.submit(() -> {
                Thread.sleep(5);
                return "report " + report;
            }));
        }
        queue.close();

        assertThat(results).allMatch(CompletableFuture::isDone);
        assertThat(queue.succeeded()).isEqualTo(20);
        assertThat(queue.pending()).isZero();
        assertThatThrownBy(() -> queue.submit(() -> "late")).isInstanceOf(RejectedExecutionException.class)
                .hasMessage("job queue 'reports' is closed");
        results.forEach(CompletableFuture::join);
    }

    @Test
    void aFullQueuePushesBackInsteadOfGrowing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (JobQueue queue = new JobQueue("exports", 1, 2)) {
            List<CompletableFuture<Boolean>> accepted = new ArrayList<>();
            for (int i = 0; i < 3; i++) { // one running, two waiting
                accepted.add(queue.submit(() -> release.await(10, TimeUnit.SECONDS)));
            }
            assertThatThrownBy(() -> queue.submit(() -> true)).isInstanceOf(RejectedExecutionException.class)
                    .hasMessage("job queue 'exports' is full (2 jobs waiting); retry later or raise its capacity");
            release.countDown();
            accepted.forEach(CompletableFuture::join);
        }
    }
}
