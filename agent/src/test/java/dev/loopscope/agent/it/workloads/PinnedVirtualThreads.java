package dev.loopscope.agent.it.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * JDK 21+: virtual threads that block, once unpinned ({@link #unpinnedSleep}: normal, not a
 * finding) and once pinned to their carrier: sleeping inside a class initializer pins on every
 * JDK ({@link SlowInit}), and on JDK 21-23 so does sleeping inside {@code synchronized}.
 */
public final class PinnedVirtualThreads {

    private PinnedVirtualThreads() {
    }

    /** Initialized by a virtual thread, which stays pinned while the initializer sleeps. */
    static final class SlowInit {
        static final long VALUE;

        static {
            pinnedInClassInit();
            VALUE = 42;
        }
    }

    public static void main(String[] args) throws Exception {
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        virtual.submit(() -> {
            unpinnedSleep();
            return null;
        }).get();
        virtual.submit(() -> SlowInit.VALUE).get();
        virtual.shutdown();
        virtual.awaitTermination(10, TimeUnit.SECONDS);
    }

    static void unpinnedSleep() throws InterruptedException {
        Thread.sleep(30);
    }

    static void pinnedInClassInit() {
        try {
            Thread.sleep(60);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
