package dev.loopscope.agent.it.workloads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Many empty tasks on a 2-thread pool, to fill a small buffer; exits with the code given. */
public final class ManyTinyTasks {

    public static void main(String[] args) throws Exception {
        int tasks = Integer.parseInt(args[0]);
        ExecutorService pool = Executors.newFixedThreadPool(2, new NamedThreads("tiny"));
        for (int i = 0; i < tasks; i++) {
            pool.execute(() -> { });
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        System.out.println("workload done");
        System.exit(args.length > 1 ? Integer.parseInt(args[1]) : 0);
    }
}
