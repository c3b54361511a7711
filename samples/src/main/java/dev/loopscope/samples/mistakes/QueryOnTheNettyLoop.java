package dev.loopscope.samples.mistakes;

import dev.loopscope.samples.db.LegacyDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A JDBC-style query in a Netty handler. The handler runs on the event loop, and the driver
 * blocks its thread on a socket until the database answers: every connection the loop serves
 * waits for that one query.
 */
public final class QueryOnTheNettyLoop {

    private static final String ORDER_BY_PATH = "select * from orders where path = ?";

    private QueryOnTheNettyLoop() {
    }

    /** Wrong: the handler queries the database on the event loop. */
    public static Function<String, CompletionStage<String>> handlerWrong(LegacyDatabase.Connection db) {
        return path -> CompletableFuture.completedFuture(db.query(ORDER_BY_PATH, path));
    }

    /** Right: the query runs on a pool sized for the database; the loop only writes the answer. */
    public static Function<String, CompletionStage<String>> handlerRight(LegacyDatabase.Connection db, Executor dbPool) {
        return path -> CompletableFuture.supplyAsync(() -> db.query(ORDER_BY_PATH, path), dbPool);
    }
}
