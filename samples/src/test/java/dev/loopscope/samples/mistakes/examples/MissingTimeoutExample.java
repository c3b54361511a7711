package dev.loopscope.samples.mistakes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.samples.mistakes.MissingTimeout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The remote side never answers. Without the harness's timeout, {@code wrong} would hang the build. */
@LoopscopeTest(timeout = "1s")
public class MissingTimeoutExample {

    private static CompletionStage<String> lostReply() {
        return new CompletableFuture<>();
    }

    @Test
    void wrong() {
        assertThat(MissingTimeout.statusWrong(MissingTimeoutExample::lostReply).join()).isEqualTo("remote is up");
    }

    @Test
    void right() {
        assertThat(MissingTimeout.statusRight(MissingTimeoutExample::lostReply, Duration.ofMillis(100)).join())
                .isEqualTo("remote did not answer within 100 ms");
    }
}
