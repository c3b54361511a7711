package dev.loopscope.agent.it.workloads;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Async code done right on loop threads: CompletableFuture chains and the JDK HttpClient's
 * sendAsync, all on a two-thread Vert.x-named loop (the HttpClient's own executor too), with
 * the loop idle in between. Nothing here blocks a loop thread, so nothing may be reported.
 */
public final class CleanLoopWork {

    public static final int REQUESTS = 20;

    private CleanLoopWork() {
    }

    public static void main(String[] args) throws Exception {
        int[] n = {0};
        ExecutorService loop = Executors.newFixedThreadPool(2, r -> new Thread(r, "vert.x-eventloop-thread-" + n[0]++));
        ExecutorService server = Executors.newFixedThreadPool(2, r -> new Thread(r, "http-server"));
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.setExecutor(server);
        http.start();
        HttpClient client = HttpClient.newBuilder().executor(loop).build();
        String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/item/";
        // Warm up first, from main (not a loop): loading the HttpClient's classes takes long enough
        // on a busy machine to stall a loop thread, which a real server would have done at start-up.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "warm-up")).build(),
                HttpResponse.BodyHandlers.ofString());

        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            int id = i;
            all.add(CompletableFuture.supplyAsync(() -> URI.create(base + id), loop)
                    .thenComposeAsync(uri -> client.sendAsync(HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString()), loop)
                    .thenApplyAsync(response -> response.body().length(), loop)
                    .exceptionally(failure -> -1));
        }
        int total = CompletableFuture.allOf(all.toArray(new CompletableFuture[0]))
                .thenApply(v -> all.stream().mapToInt(CompletableFuture::join).sum()).get(30, TimeUnit.SECONDS);
        Thread.sleep(50); // the loop idles: waiting for work is not blocking
        http.stop(0);
        loop.shutdown();
        server.shutdown();
        loop.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("received " + total + " bytes");
    }
}
