package dev.loopscope.samples.virtualthreads;

import static dev.loopscope.harness.LoopscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.Timeline;
import dev.loopscope.samples.http.LatencyServer;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 200 blocking calls of 500 ms each, one virtual thread per call: well under the 100 s they take one after the other. */
@LoopscopeTest(timeout = "30s")
class BlockingCallsOnVirtualThreadsTest {

    private static final int CALLS = 200;

    @Test
    void twoHundredBlockingCallsRunAtOnceOnAFewCarriers(Timeline timeline) throws Exception {
        try (LatencyServer server = new LatencyServer("api-server", null, 0, CALLS);
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            BlockingCallsOnVirtualThreads calls = new BlockingCallsOnVirtualThreads(client);
            calls.fetchAll(4, i -> server.uri("/api/warm-up")); // class loading and first connections

            long start = System.nanoTime();
            List<String> bodies = calls.fetchAll(CALLS, i -> server.uri("/api/call-" + i + "?latency=500"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(bodies).hasSize(CALLS);
            assertThat(bodies.get(7)).isEqualTo("{\"api\":\"call-7\",\"latencyMillis\":500}");
            assertThat(millis).as("200 calls of 500 ms on virtual threads").isBetween(500L, 5_000L);
        }
        // Each virtual thread is a task of the pseudo-executor "virtual threads"; blocking on them is
        // what they are for, so it is no finding (only blocking while pinned to a carrier would be).
        assertThat(timeline.tasksOf("virtual threads")).hasSizeGreaterThanOrEqualTo(CALLS);
        assertThat(timeline).maxConcurrency("api-server").isGreaterThan(CALLS / 2);
        assertThat(timeline).hasNoBlockingCalls();
    }
}
