package dev.loopscope.samples.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Calling several HTTP APIs: one after the other, and all at once with {@code sendAsync}, the
 * JVM's {@code asyncio.gather}. Concurrently the whole takes about as long as the slowest call;
 * one after the other it takes the sum of them all.
 */
public final class ApiCalls {

    private final HttpClient client;

    public ApiCalls(HttpClient client) {
        this.client = client;
    }

    /** Each call waits for the one before: total time is the sum of the latencies. */
    public List<String> sequential(int calls, IntFunction<URI> uri) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            bodies.add(client.send(get(uri.apply(i)), HttpResponse.BodyHandlers.ofString()).body());
        }
        return bodies;
    }

    /** All calls start at once; the result completes when the last one answers, in call order. */
    public CompletableFuture<List<String>> concurrent(int calls, IntFunction<URI> uri) {
        List<CompletableFuture<String>> responses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            responses.add(client.sendAsync(get(uri.apply(i)), HttpResponse.BodyHandlers.ofString())
                    .thenApply(HttpResponse::body));
        }
        return CompletableFuture.allOf(responses.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> responses.stream().map(CompletableFuture::join).toList());
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).GET().build();
    }
}
