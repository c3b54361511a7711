package dev.loopscope.samples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.loopscope.api.Loopscope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A local stand-in for slow remote APIs: {@code GET /api/N?latency=MS} answers after {@code MS}
 * milliseconds, and {@code GET /page/N} serves page N of a small site whose links the caller
 * chooses. Its handlers run on the executor named {@code name}, so the timeline shows how many
 * requests the server was working on at once.
 */
public final class LatencyServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers;

    /**
     * @param name  the handler executor's name in the reports
     * @param page  the body of page N (for the crawler), null for a page that does not exist (404);
     *              {@code page} itself null if the server has no pages
     * @param pageLatencyMillis how long each page takes to serve
     * @param handlerThreads how many requests it works on at once
     */
    public LatencyServer(String name, IntFunction<String> page, long pageLatencyMillis, int handlerThreads) throws IOException {
        // A backlog above the handler count: connections beyond it would be refused, and a
        // client's retry a second later would spoil the timing the samples show.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Math.max(100, 2 * handlerThreads));
        // As many threads as clients call at once: the server must not be what serializes the calls.
        handlers = Loopscope.name(Executors.newFixedThreadPool(handlerThreads), name);
        server.setExecutor(handlers);
        server.createContext("/api/", exchange -> {
            long latency = Long.parseLong(query(exchange, "latency", "0"));
            pause(latency);
            respond(exchange, "{\"api\":\"" + lastSegment(exchange) + "\",\"latencyMillis\":" + latency + "}");
        });
        if (page != null) {
            server.createContext("/page/", exchange -> {
                pause(pageLatencyMillis);
                String body = page.apply(Integer.parseInt(lastSegment(exchange)));
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                } else {
                    respond(exchange, body);
                }
            });
        }
        server.start();
    }

    /** An API server with no pages, serving up to 32 requests at once. */
    public LatencyServer(String name) throws IOException {
        this(name, null, 0, 32);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow(); // requests still sleeping are abandoned: their clients are gone
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the remote side's latency: this server is not a loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lastSegment(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String query(HttpExchange exchange, String key, String fallback) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(key + "=")) {
                    return pair.substring(key.length() + 1);
                }
            }
        }
        return fallback;
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
