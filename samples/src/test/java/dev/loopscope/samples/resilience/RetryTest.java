package dev.loopscope.samples.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** Retries with back-off on the test loop's virtual time: minutes of waiting in milliseconds, in a known order. */
@LoopscopeTest
class RetryTest {

    @Test
    void backsOffOneTwoFourEightSecondsThenSucceeds(TestLoop loop) throws Exception {
        Instant begin = loop.clock().instant();
        List<Duration> attemptsAt = new ArrayList<>();
        FlakyService service = new FlakyService(4);

        long realStart = System.nanoTime();
        String result = loop.run(() -> new Retry(loop, 5, Duration.ofSeconds(1)).call(() -> {
            attemptsAt.add(Duration.between(begin, loop.clock().instant()));
            return service.call();
        }));
        long realMillis = (System.nanoTime() - realStart) / 1_000_000;

        assertThat(result).isEqualTo("ok after 4 failures");
        assertThat(attemptsAt).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(7), Duration.ofSeconds(15));
        assertThat(realMillis).as("15 s of back-off on virtual time").isLessThan(2_000);
    }

    @Test
    void givesUpAfterTheLastAttemptWithEveryFailureAttached(TestLoop loop) {
        FlakyService service = new FlakyService(Integer.MAX_VALUE);

        assertThatThrownBy(() -> loop.run(() -> new Retry(loop, 3, Duration.ofMinutes(10)).call(service::call)))
                .isInstanceOf(IOException.class).hasMessage("failure 3")
                .satisfies(last -> assertThat(last.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("failure 1", "failure 2"));
        assertThat(loop.clock().instant()).as("10 + 20 minutes of back-off passed, virtually")
                .isAfterOrEqualTo(Instant.now().plus(Duration.ofMinutes(29)));
    }

    @Test
    void aCallThatThrowsInsteadOfFailingItsStageIsRetriedToo(TestLoop loop) throws Exception {
        int[] calls = {0};
        String result = loop.run(() -> new Retry(loop, 2, Duration.ofMillis(100)).call(() -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("not connected");
            }
            return CompletableFuture.completedFuture("connected");
        }));
        assertThat(result).isEqualTo("connected");
    }

    @Test
    void theSameExceptionObjectFailingEveryAttemptIsReportedOnce(TestLoop loop) {
        IOException shared = new IOException("circuit open");
        assertThatThrownBy(() -> loop.run(() -> new Retry(loop, 3, Duration.ofSeconds(1))
                .call(() -> CompletableFuture.<String>failedFuture(shared))))
                .isSameAs(shared)
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
    }

    @Test
    void aSchedulerThatIsShutDownFailsTheResultInsteadOfLeavingItPending() throws Exception {
        ScheduledExecutorService stopped = Executors.newSingleThreadScheduledExecutor();
        stopped.shutdown();
        CompletableFuture<String> result = new Retry(stopped, 3, Duration.ofSeconds(1))
                .call(() -> CompletableFuture.failedFuture(new IOException("down")));
        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(result::join).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void rejectsAPointlessConfiguration(TestLoop loop) {
        assertThatThrownBy(() -> new Retry(loop, 0, Duration.ZERO))
                .hasMessage("maxAttempts must be at least 1, was 0");
    }

    /** Fails its first {@code failures} calls, then answers. */
    private static final class FlakyService {
        private final int failures;
        private int calls;

        FlakyService(int failures) {
            this.failures = failures;
        }

        CompletionStage<String> call() {
            calls++;
            return calls <= failures
                    ? CompletableFuture.failedFuture(new IOException("failure " + calls))
                    : CompletableFuture.completedFuture("ok after " + failures + " failures");
        }
    }
}
