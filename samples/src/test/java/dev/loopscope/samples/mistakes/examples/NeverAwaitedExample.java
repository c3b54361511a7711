package dev.loopscope.samples.mistakes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.samples.mistakes.NeverAwaited;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@LoopscopeTest
public class NeverAwaitedExample {

    private final NeverAwaited.AuditLog audit = new NeverAwaited.AuditLog(500);

    @Test
    void wrong() {
        ExecutorService io = Executors.newSingleThreadExecutor();
        assertThat(NeverAwaited.placeOrderWrong(audit, io, "book")).isEqualTo("order-book");
        io.shutdown();
    }

    @Test
    void right() {
        ExecutorService io = Executors.newSingleThreadExecutor();
        assertThat(NeverAwaited.placeOrderRight(audit, io, "book").join()).isEqualTo("order-book");
        assertThat(audit.records()).containsExactly("placed order-book");
        io.shutdown();
    }
}
