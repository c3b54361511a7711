package dev.loopscope.samples.mistakes;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Fire and forget. The order is saved and the audit record is sent off with {@code runAsync},
 * but nobody waits for it: when it is slow or fails, nobody knows, and a test that ends first
 * never sees it happen (asyncio: "coroutine was never awaited").
 */
public final class NeverAwaited {

    /** Where audit records go; it takes {@code latencyMillis} to write each one. */
    public static final class AuditLog {
        private final List<String> records = new CopyOnWriteArrayList<>();
        private final long latencyMillis;

        public AuditLog(long latencyMillis) {
            this.latencyMillis = latencyMillis;
        }

        void write(String record) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            records.add(record);
        }

        public List<String> records() {
            return records;
        }
    }

    private NeverAwaited() {
    }

    /** Wrong: the audit's future is dropped on the floor. */
    public static String placeOrderWrong(AuditLog audit, Executor io, String item) {
        String id = "order-" + item;
        CompletableFuture.runAsync(() -> audit.write("placed " + id), io);
        return id;
    }

    /** Right: the order is placed once its audit record is written, and a failure reaches the caller. */
    public static CompletableFuture<String> placeOrderRight(AuditLog audit, Executor io, String item) {
        String id = "order-" + item;
        return CompletableFuture.runAsync(() -> audit.write("placed " + id), io).thenApply(done -> id);
    }
}
