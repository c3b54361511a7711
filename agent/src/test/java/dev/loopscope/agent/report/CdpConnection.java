package dev.loopscope.agent.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One WebSocket to Chromium's DevTools endpoint: commands with their replies, and the events
 * of every attached session. Each wait has a deadline, so a browser that stops answering fails
 * the test instead of hanging it. Public as test support shared with the benchmarks, which take
 * it from the agent's test-jar.
 */
public final class CdpConnection implements AutoCloseable {

    /** A protocol event: its method, the session it came from (null for the browser) and params. */
    record Event(String method, String sessionId, Map<String, Object> params) {
    }

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> replies = new ConcurrentHashMap<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    private CdpConnection(URI endpoint, Duration timeout) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(endpoint, new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static CdpConnection open(URI endpoint, Duration timeout) throws Exception {
        return new CdpConnection(endpoint, timeout);
    }

    /** Sends a command and returns its result, failing on a protocol error or after {@code timeout}. */
    Map<String, Object> call(String sessionId, String method, Map<String, Object> params, Duration timeout)
            throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        replies.put(id, reply);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        try {
            synchronized (socket) { // a WebSocket takes one outgoing message at a time
                socket.sendText(CdpJson.write(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            Map<String, Object> answer = await(reply, timeout, method);
            if (answer.get("error") != null) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) answer.get("result");
            return result;
        } finally {
            replies.remove(id);
        }
    }

    /** Delivers every event to {@code listener}, on the socket's thread. */
    void onEvent(Consumer<Event> listener) {
        listeners.add(listener);
    }

    /** A future of the next event that matches; register it before causing the event. */
    CompletableFuture<Event> next(Predicate<Event> match) {
        CompletableFuture<Event> future = new CompletableFuture<>();
        Consumer<Event> listener = e -> {
            if (match.test(e)) {
                future.complete(e);
            }
        };
        listeners.add(listener);
        future.whenComplete((e, x) -> listeners.remove(listener));
        return future;
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout, String what) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new TimeoutException("no answer from Chromium within " + timeout.toSeconds() + " s: " + what);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Chromium connection failed while waiting for " + what, e.getCause());
        }
    }

    @Override
    public void close() {
        socket.abort();
        replies.values().forEach(r -> r.completeExceptionally(new IllegalStateException("connection closed")));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            fail(new IllegalStateException("DevTools socket closed: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail(error);
        }

        private void fail(Throwable error) {
            replies.values().forEach(r -> r.completeExceptionally(error));
        }
    }

    @SuppressWarnings("unchecked")
    private void dispatch(String text) {
        Map<String, Object> message = (Map<String, Object>) CdpJson.parse(text);
        Object id = message.get("id");
        if (id != null) {
            CompletableFuture<Map<String, Object>> reply = replies.get(((Number) id).intValue());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        Event event = new Event((String) message.get("method"), (String) message.get("sessionId"),
                (Map<String, Object>) message.getOrDefault("params", Map.of()));
        listeners.forEach(l -> l.accept(event));
    }
}
