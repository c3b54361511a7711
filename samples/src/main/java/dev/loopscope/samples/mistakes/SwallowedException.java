package dev.loopscope.samples.mistakes;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An exception swallowed by a stage nobody observes. {@code thenAccept} passes the load's failure
 * on to its own future, and that future is dropped: the cache silently keeps its old value
 * (asyncio: "exception was never retrieved").
 */
public final class SwallowedException {

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public String cached(String key) {
        return cache.get(key);
    }

    /** Wrong: a failed load vanishes. */
    public void refreshWrong(String key, Supplier<CompletionStage<String>> load) {
        load.get().thenAccept(value -> cache.put(key, value));
    }

    /** Right: the caller gets the future and with it the failure, to retry, report or wait on. */
    public CompletableFuture<Void> refreshRight(String key, Supplier<CompletionStage<String>> load) {
        return load.get().thenAccept(value -> cache.put(key, value)).toCompletableFuture();
    }
}
