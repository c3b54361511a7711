package dev.loopscope.samples.mistakes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A call with no timeout. When the reply is lost, the future never completes, and whoever waits
 * for it (a request, a test, the build) waits forever.
 */
public final class MissingTimeout {

    private MissingTimeout() {
    }

    /** Wrong: waits as long as the remote side takes, forever if it never answers. */
    public static CompletableFuture<String> statusWrong(Supplier<CompletionStage<String>> remote) {
        return remote.get().toCompletableFuture().thenApply(status -> "remote is " + status);
    }

    /** Right: a deadline, and a clear answer when it passes. */
    public static CompletableFuture<String> statusRight(Supplier<CompletionStage<String>> remote, Duration deadline) {
        return remote.get().toCompletableFuture().copy()
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(status -> "remote is " + status)
                .exceptionally(failure -> "remote did not answer within " + deadline.toMillis() + " ms");
    }
}
