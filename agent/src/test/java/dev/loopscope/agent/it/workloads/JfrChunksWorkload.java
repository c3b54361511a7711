package dev.loopscope.agent.it.workloads;

import dev.loopscope.api.Loopscope;
import java.nio.file.Paths;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.jfr.Recording;

/**
 * A recording of several chunks: a second recording starting and stopping makes JFR begin a new
 * chunk each time. {@value #PER_PHASE} tasks run in each of the three phases; dumped to {@code args[0]}.
 */
public final class JfrChunksWorkload {

    public static final String POOL = "chunked-pool";
    public static final int PER_PHASE = 10;

    public static void main(String[] args) throws Exception {
        Thread[] worker = new Thread[1];
        ExecutorService pool = Loopscope.name(Executors.newFixedThreadPool(1, r -> worker[0] = new Thread(r)), POOL);
        try (Recording whole = new Recording(); Recording overlapping = new Recording()) {
            whole.start();
            runTasks(pool);
            overlapping.start();
            runTasks(pool);
            overlapping.stop();
            runTasks(pool);
            // get() returns when the task is done, before its run event is committed
            WorkerIdle.await(worker[0]);
            whole.stop();
            whole.dump(Paths.get(args[0]));
        }
        pool.shutdown();
    }

    private static void runTasks(ExecutorService pool) throws Exception {
        for (int i = 0; i < PER_PHASE; i++) {
            pool.submit(() -> { }).get();
        }
    }
}
