package dev.loopscope.agent.it.workloads;

import dev.loopscope.api.Loopscope;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;

/**
 * A recursive sum over [0, 1024) split in halves down to 128 elements: each of the 7 splitting
 * nodes forks its left half and computes its right half itself, so 8 tasks reach the pool: the
 * root (invoked from main) and 7 forked halves.
 */
public final class ForkJoinRecursion {

    public static final int EXPECTED_TASKS = 8;

    static final class Sum extends RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private final int from;
        private final int to;

        Sum(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from <= 128) {
                long s = 0;
                for (int i = from; i < to; i++) {
                    s += i;
                }
                return s;
            }
            int mid = (from + to) >>> 1;
            Sum left = new Sum(from, mid);
            left.fork();
            long right = new Sum(mid, to).compute();
            return left.join() + right;
        }
    }

    public static void main(String[] args) throws Exception {
        ForkJoinPool pool = Loopscope.name(new ForkJoinPool(2), "fj-pool");
        long sum = pool.invoke(new Sum(0, 1024));
        if (sum != 1023L * 1024 / 2) {
            throw new IllegalStateException("wrong sum " + sum);
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
