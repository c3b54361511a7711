package dev.loopscope.agent.it.workloads;

import dev.loopscope.api.Loopscope;
import java.nio.file.Paths;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.jfr.Recording;

/**
 * A pool named and used before any JFR recording exists; then a recording runs for exactly
 * {@value #RECORDED} tasks and is dumped to {@code args[0]}; then more tasks run with none.
 */
public final class JfrLateRecordingWorkload {

    public static final String POOL = "late-pool";
    public static final int RECORDED = 30;

    public static void main(String[] args) throws Exception {
        Thread[] worker = new Thread[1];
        ExecutorService pool = Loopscope.name(Executors.newFixedThreadPool(1, r -> worker[0] = new Thread(r)), POOL);
        runTasks(pool, 10);
        try (Recording recording = new Recording()) {
            recording.start();
            runTasks(pool, RECORDED);
            // get() returns when the task is done, before its run event is committed
            WorkerIdle.await(worker[0]);
            recording.stop();
            recording.dump(Paths.get(args[0]));
        }
        runTasks(pool, 10);
        pool.shutdown();
        System.out.println("workload done");
    }

    private static void runTasks(ExecutorService pool, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            pool.submit(() -> { }).get();
        }
    }
}
