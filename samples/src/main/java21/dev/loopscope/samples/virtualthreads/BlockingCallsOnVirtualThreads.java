package dev.loopscope.samples.virtualthreads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Blocking I/O the right way on JDK 21+: plain, blocking {@code HttpClient.send} calls, each on
 * its own virtual thread. A blocked virtual thread leaves its carrier free, so a few carriers run
 * hundreds of calls at once, with none of the callbacks of async code. (Blocking while pinned to
 * the carrier, inside native code say, is the mistake here; the agent reports it.)
 */
public final class BlockingCallsOnVirtualThreads {

    private final HttpClient client;

    public BlockingCallsOnVirtualThreads(HttpClient client) {
        this.client = client;
    }

    /** The bodies of {@code calls} GET requests, made at once, in call order. */
    public List<String> fetchAll(int calls, IntFunction<URI> uri) throws InterruptedException, ExecutionException {
        try (ExecutorService perCall = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> bodies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                URI target = uri.apply(i);
                bodies.add(perCall.submit(() -> client.send(HttpRequest.newBuilder(target).build(),
                        HttpResponse.BodyHandlers.ofString()).body()));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> body : bodies) {
                out.add(body.get());
            }
            return out;
        }
    }
}
