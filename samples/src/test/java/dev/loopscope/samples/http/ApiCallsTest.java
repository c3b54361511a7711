package dev.loopscope.samples.http;

import static dev.loopscope.harness.LoopscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.Timeline;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ten API calls of 280 down to 100 ms: concurrently in about the slowest one's time, sequentially
 * in their sum. The first call sent is the slowest, so all ten are in the server at once even if
 * sending them takes a while.
 */
@LoopscopeTest(timeout = "20s")
class ApiCallsTest {

    private static final int CALLS = 10;
    private static final long SLOWEST = latency(0);
    private static final long SUM = IntStream.range(0, CALLS).mapToLong(ApiCallsTest::latency).sum();

    private static LatencyServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        server = new LatencyServer("api-server");
        client = HttpClient.newHttpClient();
        new ApiCalls(client).sequential(2, i -> server.uri("/api/warm-up")); // class loading and first connections
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void concurrentCallsTakeAboutAsLongAsTheSlowestAndOverlapOnTheServer(Timeline timeline) throws Exception {
        long start = System.nanoTime();
        List<String> bodies = new ApiCalls(client).concurrent(CALLS, ApiCallsTest::uri).get();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(bodies).hasSize(CALLS).allSatisfy(b -> assertThat(b).startsWith("{\"api\":\"call-"));
        assertThat(bodies.get(3)).contains("\"api\":\"call-3\"");
        assertThat(millis).as("total time of %d calls, slowest %d ms, sum %d ms", CALLS, SLOWEST, SUM)
                .isGreaterThanOrEqualTo(SLOWEST).isLessThan((SLOWEST + SUM) / 2);
        // The proof of overlap: the server was working on all ten requests at one instant.
        assertThat(timeline).tasksOverlapped("api-server").maxConcurrency("api-server").isEqualTo(CALLS);
        assertThat(timeline.tasksOf("api-server")).hasSize(CALLS);
    }

    @Test
    void sequentialCallsTakeTheSumOfTheirLatencies(Timeline timeline) throws Exception {
        long start = System.nanoTime();
        List<String> bodies = new ApiCalls(client).sequential(CALLS, ApiCallsTest::uri);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(bodies).hasSize(CALLS);
        assertThat(millis).isGreaterThanOrEqualTo(SUM);
        assertThat(timeline).maxConcurrency("api-server").isEqualTo(1);
        assertThat(timeline.tasksOf("api-server")).hasSize(CALLS);
    }

    private static URI uri(int call) {
        return server.uri("/api/call-" + call + "?latency=" + latency(call));
    }

    private static long latency(int call) {
        return 280 - 20L * call;
    }
}
