package dev.loopscope.samples.netty;

import static dev.loopscope.harness.LoopscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.BlockingPolicy;
import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.Timeline;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once on two Netty event-loop threads. The harness knows Netty's threads as
 * loop threads with no configuration, so a blocking call in the handler would fail this test.
 */
@LoopscopeTest(timeout = "30s")
class NettyServerTest {

    private static final int CLIENTS = 200;

    @Test
    void servesManyConcurrentClientsOnTwoLoopThreadsWithoutBlockingThem(Timeline timeline) throws Exception {
        Set<String> loopThreads = ConcurrentHashMap.newKeySet();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (NettyServer server = new NettyServer(2, path -> {
            loopThreads.add(Thread.currentThread().getName());
            return CompletableFuture.completedFuture("hello " + path.substring(path.lastIndexOf('/') + 1));
        })) {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                responses.add(client.sendAsync(HttpRequest.newBuilder(server.uri("/greet/client-" + i)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(responses.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);

            assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
            assertThat(responses.get(42).join().body()).isEqualTo("hello client-42");
        }
        assertThat(loopThreads).hasSizeBetween(1, 2).allMatch(name -> name.startsWith("multiThreadIoEventLoopGroup-"));
        assertThat(timeline).hasNoBlockingCalls();
    }

    /** What makes the test above mean something: Netty's threads are watched, with no configuration. */
    @Test
    @LoopscopeTest(blocking = BlockingPolicy.WARN)
    void aHandlerThatSleepsIsSeenOnNettysLoop(Timeline timeline) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (NettyServer server = new NettyServer(1, path -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture("late");
        })) {
            assertThat(client.send(HttpRequest.newBuilder(server.uri("/slow")).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("late");
        }
        assertThat(timeline.blockingCalls()).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("api", "Thread.sleep");
            assertThat((String) call.get("thread")).startsWith("multiThreadIoEventLoopGroup-");
        });
    }
}
