package dev.loopscope.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.BlockingPolicy;
import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import dev.loopscope.harness.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic mistakes, each found exactly once with its call site, alone and in the crowd
 * (WARN: the tests read the findings instead of failing; HarnessStillFailsTest checks FAIL).
 * SameFindingsIT then compares the two runs' findings in full.
 */
@LoopscopeTest(blocking = BlockingPolicy.WARN)
class MistakesTest {

    private static final String APP = "dev.loopscope.compat.Mistakes.";

    /**
     * In the crowd, Mockito's inline mock maker first retransforms the class that makes the
     * mistakes (a static mock of it, closed again): what Loopscope finds in it must not change.
     */
    @BeforeAll
    static void mockitoRetransformsTheApplicationClass() {
        if (Crowd.CROWDED) {
            assertThat(WithMockito.staticallyMockedSpin()).isEqualTo(-1L);
        }
    }

    @Test
    void sleepOnTheLoop(TestLoop loop, Timeline timeline) throws Exception {
        assertThat(loop.run(() -> Mistakes.sleepOnTheLoop(loop))).isEqualTo("polled");

        assertThat(timeline.blockingCalls()).hasSize(1);
        Map<String, Object> call = timeline.blockingCalls().get(0);
        assertThat(call).containsEntry("kind", "loop").containsEntry("api", "Thread.sleep").containsEntry("thread", loop.threadName());
        assertThat((String) call.get("callSite")).matches(quoted(APP + "lambda$sleepOnTheLoop$") + "\\d+\\(Mistakes\\.java:\\d+\\)");
        assertThat(timeline.stalls()).isEmpty();
    }

    @Test
    void readAFileOnTheLoop(TestLoop loop, Timeline timeline, @TempDir Path dir) throws Exception {
        Path template = Files.writeString(dir.resolve("template.txt"), "Dear customer,");
        assertThat(loop.run(() -> Mistakes.readOnTheLoop(loop, template))).isEqualTo("Dear customer,");

        assertThat(timeline.blockingCalls()).hasSize(1);
        Map<String, Object> call = timeline.blockingCalls().get(0);
        assertThat(call).containsEntry("kind", "loop").containsEntry("api", "Files.readString").containsEntry("thread", loop.threadName());
        assertThat((String) call.get("callSite")).matches(quoted(APP + "read(") + "Mistakes\\.java:\\d+\\)");
    }

    @Test
    void joinOnTheLoop(TestLoop loop, Timeline timeline) throws Exception {
        Thread loopThread = loop.submit(Thread::currentThread).get();
        CompletableFuture<Integer> price = new CompletableFuture<>();
        Thread backend = completeOnceJoined(price, 41, loopThread);
        assertThat(loop.run(() -> Mistakes.joinOnTheLoop(loop, price))).isEqualTo(42);
        backend.join();

        assertThat(timeline.blockingCalls()).hasSize(1);
        Map<String, Object> call = timeline.blockingCalls().get(0);
        assertThat(call).containsEntry("kind", "loop").containsEntry("api", "LockSupport.park")
                .containsEntry("entry", "java.util.concurrent.CompletableFuture.join").containsEntry("thread", loop.threadName());
        assertThat((String) call.get("callSite")).matches(quoted(APP + "lambda$joinOnTheLoop$") + "\\d+\\(Mistakes\\.java:\\d+\\)");
    }

    @Test
    void cpuWorkOnTheLoop(TestLoop loop, Timeline timeline) throws Exception {
        loop.run(() -> Mistakes.spinOnTheLoop(loop, 1500)); // the stall threshold is 1 s here (pom.xml)

        assertThat(timeline.blockingCalls()).isEmpty();
        assertThat(timeline.stalls()).hasSize(1);
        Map<String, Object> stall = timeline.stalls().get(0);
        assertThat(stall).containsEntry("thread", loop.threadName()).containsEntry("thresholdNanos", 1_000_000_000L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> samples = (List<Map<String, Object>>) stall.get("samples");
        assertThat(samples).isNotEmpty().allSatisfy(s -> {
            assertThat(s).containsEntry("state", "RUNNABLE");
            @SuppressWarnings("unchecked")
            List<String> stack = (List<String>) s.get("stack");
            assertThat(stack).anyMatch(f -> f.startsWith(APP + "spin(Mistakes.java:"));
        });
    }

    /**
     * A backend that answers only once the loop thread is parked in {@code join()}: so the join
     * really waits, however the two threads are scheduled, and exactly one park is found.
     */
    private static Thread completeOnceJoined(CompletableFuture<Integer> price, int value, Thread joiner) {
        Thread t = new Thread(() -> {
            while (!(joiner.getState() == Thread.State.WAITING && Arrays.stream(joiner.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals("java.util.concurrent.CompletableFuture") && f.getMethodName().equals("join")))) {
                LockSupport.parkNanos(100_000);
            }
            price.complete(value);
        }, "compat-backend");
        t.start();
        return t;
    }

    private static String quoted(String literal) {
        return java.util.regex.Pattern.quote(literal);
    }
}
