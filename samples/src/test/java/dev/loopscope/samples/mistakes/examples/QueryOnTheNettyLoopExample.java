package dev.loopscope.samples.mistakes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.samples.db.LegacyDatabase;
import dev.loopscope.samples.mistakes.QueryOnTheNettyLoop;
import dev.loopscope.samples.netty.NettyServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** No TestLoop here: the loop is Netty's, found by its thread names. */
@LoopscopeTest
public class QueryOnTheNettyLoopExample {

    @Test
    void wrong() throws Exception {
        try (LegacyDatabase database = new LegacyDatabase(20); LegacyDatabase.Connection db = database.connect()) {
            assertThat(get(QueryOnTheNettyLoop.handlerWrong(db))).isEqualTo("1 row for: select * from orders where path = ? [/orders/7]");
        }
    }

    @Test
    void right() throws Exception {
        ExecutorService dbPool = Executors.newFixedThreadPool(1);
        try (LegacyDatabase database = new LegacyDatabase(20); LegacyDatabase.Connection db = database.connect()) {
            assertThat(get(QueryOnTheNettyLoop.handlerRight(db, dbPool))).isEqualTo("1 row for: select * from orders where path = ? [/orders/7]");
        } finally {
            dbPool.shutdown();
        }
    }

    private static String get(Function<String, CompletionStage<String>> handler) throws Exception {
        try (NettyServer server = new NettyServer(1, handler)) {
            HttpClient client = HttpClient.newHttpClient();
            return client.send(HttpRequest.newBuilder(server.uri("/orders/7")).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
