package dev.loopscope.samples.mistakes.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.samples.mistakes.SwallowedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

@LoopscopeTest
public class SwallowedExceptionExample {

    private static CompletionStage<String> brokenLoad() {
        return CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("exchange-rate service returned 503");
        });
    }

    @Test
    void wrong() {
        SwallowedException cache = new SwallowedException();
        cache.refreshWrong("EUR", SwallowedExceptionExample::brokenLoad);
        assertThat(cache.cached("EUR")).isNull(); // the test sees nothing wrong
    }

    @Test
    void right() {
        SwallowedException cache = new SwallowedException();
        assertThatThrownBy(() -> cache.refreshRight("EUR", SwallowedExceptionExample::brokenLoad).join())
                .isInstanceOf(CompletionException.class).hasRootCauseMessage("exchange-rate service returned 503");
    }

}
