package dev.loopscope.agent.it.workloads;

/**
 * Four named threads started from main; "solo-c" dies of an uncaught exception. Then two threads
 * of a subclass that overrides run() (and so never reaches Thread.run()).
 */
public final class PlainThreads {

    static final class Subclassed extends Thread {
        Subclassed(String name) {
            super(name);
        }

        @Override
        public void run() {
            PoolFanOut.busy(1_000_000);
        }
    }

    public static void main(String[] args) throws Exception {
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            String name = "solo-" + (char) ('a' + i);
            threads[i] = new Thread(() -> {
                PoolFanOut.busy(1_000_000);
                if (name.equals("solo-c")) {
                    throw new IllegalArgumentException("solo failed");
                }
            }, name);
            threads[i].setUncaughtExceptionHandler((t, e) -> { });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (String name : new String[] {"sub-1", "sub-2"}) {
            Thread t = new Subclassed(name);
            t.start();
            t.join();
        }
    }
}
