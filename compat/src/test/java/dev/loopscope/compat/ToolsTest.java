package dev.loopscope.compat;

import static dev.loopscope.compat.Crowd.CROWDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.Timeline;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each tool is really at work in the crowded run, and really absent in the alone run: otherwise
 * "the same findings" would prove nothing.
 */
@LoopscopeTest
class ToolsTest {

    @Test
    void loopscopeRecords(Timeline timeline) {
        assertThat(timeline.isRecorded()).as("Loopscope's agent attached").isTrue();
    }

    @Test
    void jacocoInstrumentsTheApplication() {
        boolean probes = Arrays.stream(Checkout.class.getDeclaredMethods()).anyMatch(m -> m.getName().equals("$jacocoInit"));
        assertThat(probes).as("JaCoCo's probes in the application's classes").isEqualTo(CROWDED);
    }

    @Test
    void mockitoMocksAFinalClassInline() {
        if (!CROWDED) {
            assertThat(onClassPath("org.mockito.Mockito")).isFalse();
            return;
        }
        assertThat(PriceFeed.class).isFinal(); // only the inline mock maker can mock it
        assertThat(WithMockito.stubbedPrice("apple", 7)).isEqualTo(7);
    }

    @Test
    void blockHoundStopsASleepOnItsNonBlockingThread() throws Exception {
        if (!CROWDED) {
            assertThat(onClassPath("reactor.blockhound.BlockHound")).isFalse();
            return;
        }
        Throwable[] seen = new Throwable[1];
        Thread probe = new Thread(() -> {
            try {
                Thread.sleep(1);
            } catch (Throwable t) {
                seen[0] = t;
            }
        }, "compat-nonblocking-1");
        probe.start();
        probe.join();
        assertThat(seen[0]).as("what the sleep threw").isNotNull();
        assertThat(seen[0].getClass().getName()).isEqualTo("reactor.blockhound.BlockingOperationError");
        assertThat(seen[0].getMessage()).startsWith("Blocking call! java.lang.Thread.sleep");
    }

    @Test
    void openTelemetryCarriesItsSpanIntoTheTasksLoopscopeRecords(Timeline timeline) throws Exception {
        // A -javaagent jar is on the system class path: the OpenTelemetry agent's is there only in the crowd.
        assertThat(onClassPath("io.opentelemetry.javaagent.OpenTelemetryAgent")).isEqualTo(CROWDED);
        if (!CROWDED) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(2, Crowd.named("otel-check"));
        String[] traceIds;
        try {
            traceIds = Crowd.inSpan("check", () -> {
                Future<String> submitted = pool.submit(WithOtel::currentTraceId);
                CompletableFuture<String> stage = CompletableFuture.supplyAsync(WithOtel::currentTraceId, pool);
                return new String[] {WithOtel.currentTraceId(), submitted.get(), stage.join()};
            });
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(traceIds[0]).as("the agent's SDK behind the API").hasSize(32).isNotEqualTo("0".repeat(32));
        assertThat(traceIds[1]).as("the span in a submitted task").isEqualTo(traceIds[0]);
        assertThat(traceIds[2]).as("the span in a supplyAsync stage").isEqualTo(traceIds[0]);
        assertThat(timeline.tasksOf("otel-check")).hasSize(2).allSatisfy(t -> assertThat(t.outcome).isEqualTo("normal"));
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
