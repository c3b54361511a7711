package dev.loopscope.benchmarks;

import dev.loopscope.agent.config.AgentOptions;
import dev.loopscope.agent.config.OptionsException;
import dev.loopscope.agent.recorder.Recorder;
import dev.loopscope.agent.recorder.Snapshot;
import dev.loopscope.agent.timeline.TaskFilter;
import dev.loopscope.agent.timeline.Timeline;
import dev.loopscope.agent.timeline.TimelineBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link Recorder} holding exactly {@code tasks} tasks, recorded the way the agent's hooks
 * record them, for the report and memory benchmarks.
 *
 * <p>The shape of a small service: an acceptor thread hands requests to {@code pool-1} (4 threads,
 * {@code ThreadPoolExecutor.execute}); each request, while it runs, submits an I/O call to {@code
 * io-1} (2 threads, {@code submit}, so a JDK {@code FutureTask}), and every other request also a
 * computation to the common pool (2 workers, a {@code RecursiveAction}). One request in 1,000
 * has its I/O call fail and another its computation, as the task objects themselves record it.
 *
 * <p>Hooks are called as the instrumented JDK calls them: {@code submitted} on the submitting
 * thread, at the start of {@code execute}/{@code externalPush}; {@code runStarted} and {@code
 * runEnded} on the running thread around the task ({@code runWorker}'s {@code task.run()}, {@code
 * ForkJoinTask.doExec}, which keeps a task's exception, so {@code thrown} is null and the recorder
 * reads the failure from the task); {@code threadExiting} as each thread ends. The threads are
 * taken as running before the recording began (the agent attached to a live process), so their
 * own starts are not tasks and the recording holds {@code tasks} tasks, no more.
 */
final class RecordedTasks {

    /** A request fails (in its I/O call or its computation) once in this many. */
    static final int FAIL_EVERY = 1_000;
    /** Requests accepted but not yet run: keeps queue waits those of a loaded service, not of a backlog of millions. */
    private static final int IN_FLIGHT = 256;
    /** What the agent's budget is set to: generous, so that nothing is dropped (which {@link #record} checks). */
    private static final long BUFFER_BYTES_PER_TASK = 128;

    final Recorder recorder;
    final int tasks;
    /** Tasks that failed: each has a failure in the timeline. */
    final int failures;

    private RecordedTasks(Recorder recorder, int tasks, int failures) {
        this.recorder = recorder;
        this.tasks = tasks;
        this.failures = failures;
    }

    /** Records {@code tasks} tasks; fails if the recorder dropped any event. */
    static RecordedTasks record(int tasks) throws InterruptedException {
        Recorder recorder = new Recorder(bufferBytes(tasks));
        int failures = new Service(recorder).serve(tasks);
        long dropped = recorder.snapshot().droppedEvents();
        if (dropped != 0) {
            throw new IllegalStateException(dropped + " events of " + tasks + " tasks dropped: the buffer is too small");
        }
        return new RecordedTasks(recorder, tasks, failures);
    }

    /** The buffer a user would set for this run, rounded to MiB as the {@code buffer=} option takes it. */
    static long bufferBytes(int tasks) {
        long mib = (tasks * BUFFER_BYTES_PER_TASK >> 20) + 4;
        try {
            return AgentOptions.parse("buffer=" + mib + "m").bufferBytes();
        } catch (OptionsException e) {
            throw new IllegalArgumentException("no buffer for " + tasks + " tasks", e);
        }
    }

    /** What the agent does at JVM exit before writing the reports (AgentRuntime.writeReports). */
    Timeline timeline() {
        Snapshot snapshot = recorder.snapshot();
        TimelineBuilder builder = new TimelineBuilder(snapshot.startNanos(), filter());
        snapshot.replay(builder);
        return builder.build(System.getProperty("java.runtime.version", Runtime.version().toString()),
                snapshot.startEpochMillis(), System.nanoTime(), false, "agent");
    }

    /** {@link #timeline()}, after checking that it holds every task and failure recorded, and no drop. */
    Timeline checkedTimeline() {
        Timeline t = timeline();
        if (t.size() != tasks || t.meta().droppedEvents != 0 || t.failures().size() != failures) {
            throw new IllegalStateException("expected " + tasks + " tasks, " + failures + " failures and no drops; "
                    + "the timeline has " + t.size() + " tasks, " + t.failures().size() + " failures, "
                    + t.meta().droppedEvents + " dropped events");
        }
        return t;
    }

    /** The agent's default task filter (no include or exclude option). */
    private static TaskFilter filter() {
        try {
            AgentOptions defaults = AgentOptions.parse("");
            return new TaskFilter(defaults.include(), defaults.exclude());
        } catch (OptionsException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pools, their threads and the hand-offs between them. */
    private static final class Service {
        private static final Object STOP = new Object();

        private final Recorder recorder;
        private final Pool requests = new Pool(new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>()), "pool-1-thread-", 4);
        private final Pool io = new Pool(new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>()), "io-1-thread-", 2);
        private final Pool compute = new Pool(ForkJoinPool.commonPool(), "ForkJoinPool.commonPool-worker-", 2);
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        private CountDownLatch ran;

        Service(Recorder recorder) {
            this.recorder = recorder;
        }

        /** Runs {@code tasks} tasks to their end; returns how many failed. */
        int serve(int tasks) throws InterruptedException {
            ran = new CountDownLatch(tasks);
            List<Thread> threads = new ArrayList<>();
            for (Pool pool : List.of(requests, io, compute)) {
                for (int i = 1; i <= pool.threads; i++) {
                    threads.add(start(pool.threadPrefix + i, () -> work(pool)));
                }
            }
            int[] failures = new int[1];
            Thread acceptor = start("http-nio-8080-Acceptor", () -> failures[0] = accept(tasks));
            acceptor.join();
            ran.await();
            for (Pool pool : List.of(requests, io, compute)) {
                for (int i = 0; i < pool.threads; i++) {
                    pool.queue.add(STOP);
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            ((ThreadPoolExecutor) requests.executor).shutdown();
            ((ThreadPoolExecutor) io.executor).shutdown();
            return failures[0];
        }

        private Thread start(String name, Runnable body) {
            Thread t = new Thread(() -> {
                body.run();
                recorder.threadExiting(Thread.currentThread()); // as Thread.exit() does
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Hands out requests, each with the children it will submit, so that exactly {@code tasks} run. */
        private int accept(int tasks) {
            int failures = 0;
            int remaining = tasks;
            for (int r = 0; remaining > 0; r++) {
                remaining--;
                int children = Math.min(remaining, r % 2 == 0 ? 2 : 1);
                remaining -= children;
                Request request = new Request(r, children);
                failures += request.failures();
                inFlight.acquireUninterruptibly();
                submit(requests, request);
            }
            return failures;
        }

        /** What {@code execute} (or the pool's push) does first: the hook, then the queue. */
        private void submit(Pool pool, Object task) {
            recorder.submitted(pool.executor, task);
            pool.queue.add(task);
        }

        /** A pool thread's loop: run each task between the hooks, as runWorker and doExec do. */
        private void work(Pool pool) {
            while (true) {
                Object task = take(pool.queue);
                if (task == STOP) {
                    return;
                }
                long token = recorder.runStarted(task);
                Throwable thrown = null;
                try {
                    run(task);
                } catch (RuntimeException | Error e) {
                    thrown = e;
                }
                recorder.runEnded(token, task, thrown);
                ran.countDown();
            }
        }

        private void run(Object task) {
            if (task instanceof Quote) {
                // doExec keeps the exception in the task; invoke() would rethrow it, doExec does not
                ((Quote) task).quietlyInvoke();
            } else {
                ((Runnable) task).run();
            }
        }

        private static Object take(BlockingQueue<Object> queue) {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    // nobody interrupts these threads; keep serving
                }
            }
        }

        /** A request: submits its children while it runs, so they name it as their parent. */
        private final class Request implements Runnable {
            private final int number;
            private final int children;

            Request(int number, int children) {
                this.number = number;
                this.children = children;
            }

            int failures() {
                return (children >= 1 && failsIo() ? 1 : 0) + (children >= 2 && failsCompute() ? 1 : 0);
            }

            private boolean failsIo() {
                return number % FAIL_EVERY == FAIL_EVERY / 2;
            }

            private boolean failsCompute() {
                return number % FAIL_EVERY == 0;
            }

            @Override
            public void run() {
                if (children >= 1) {
                    submit(io, new FutureTask<>(new FetchPrices(failsIo())));
                }
                if (children >= 2) {
                    submit(compute, new Quote(failsCompute()));
                }
                inFlight.release();
            }
        }
    }

    /** The I/O call: a Callable, which {@code submit} wraps in a FutureTask that keeps its exception. */
    private static final class FetchPrices implements Callable<Integer> {
        private final boolean fails;

        FetchPrices(boolean fails) {
            this.fails = fails;
        }

        @Override
        public Integer call() throws IOException {
            if (fails) {
                throw new IOException("prices service timed out after 2000 ms");
            }
            return 42;
        }
    }

    /** The computation on the common pool. */
    private static final class Quote extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final boolean fails;

        Quote(boolean fails) {
            this.fails = fails;
        }

        @Override
        protected void compute() {
            if (fails) {
                throw new IllegalStateException("no price for the requested currency");
            }
        }
    }

    /** One executor object for the hooks to name, its threads and the queue they take tasks from. */
    private static final class Pool {
        final Object executor;
        final String threadPrefix;
        final int threads;
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        Pool(Object executor, String threadPrefix, int threads) {
            this.executor = executor;
            this.threadPrefix = threadPrefix;
            this.threads = threads;
        }
    }
}
