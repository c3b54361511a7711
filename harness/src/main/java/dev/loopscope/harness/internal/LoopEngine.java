package dev.loopscope.harness.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machinery behind a {@code TestLoop}: one thread that runs tasks in order, and a virtual
 * clock for timers. Tasks run on a one-thread {@link ThreadPoolExecutor}, so that its idle wait
 * between tasks is a pool's, which the agent does not report as blocking. Timers wait in a queue
 * of their own until virtual time reaches them; only then do they go to the thread.
 *
 * <p>Everything the test must be told at the end is kept here: tasks still queued or running,
 * timers still pending, and failures nobody observed.
 */
public final class LoopEngine {

    private static final AtomicInteger LOOPS = new AtomicInteger();

    private final String threadName = "loopscope-test-loop-" + LOOPS.incrementAndGet();
    private final ThreadPoolExecutor worker;
    private volatile Thread thread;
    private final AtomicLong ids = new AtomicLong();
    private final Set<LoopFuture<?>> active = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<LoopFuture<?>> failed = new ConcurrentLinkedQueue<>();
    /** Guarded by this. */
    private final PriorityQueue<VirtualTimer<?>> timers = new PriorityQueue<>(Comparator.naturalOrder());
    private volatile long nowNanos;
    private final long createdEpochNanos = System.currentTimeMillis() * 1_000_000L;
    private final Duration timeout;
    private volatile boolean shutdown;

    public LoopEngine(Duration timeout, ThreadGroup group) {
        this.timeout = timeout;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(group, r, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        // the thread starts with the first task: a test that never uses its loop pays for no thread
    }

    public String threadName() {
        return threadName;
    }

    /** The loop's thread; null until the first task starts it. */
    public Thread thread() {
        return thread;
    }

    public Duration timeout() {
        return timeout;
    }

    // ---- running tasks ----

    public <V> LoopFuture<V> newTask(Callable<V> task) {
        return new LoopFuture<>(ids.incrementAndGet(), task, CallSites.here());
    }

    public <V> LoopFuture<V> newTask(Runnable task, V result) {
        return new LoopFuture<>(ids.incrementAndGet(), task, result, CallSites.here());
    }

    /** Queues {@code task}; a plain runnable is wrapped, and its failure counts as nobody's to observe. */
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("the test loop " + threadName + " is shut down");
        }
        LoopFuture<?> future = task instanceof LoopFuture ? (LoopFuture<?>) task : new FireAndForget(ids.incrementAndGet(), task);
        dispatch(future, future::run);
    }

    private void dispatch(LoopFuture<?> future, Runnable body) {
        active.add(future);
        try {
            worker.execute(() -> {
                try {
                    body.run();
                } finally {
                    finished(future);
                }
            });
        } catch (RejectedExecutionException e) {
            active.remove(future);
            throw e;
        }
    }

    private void finished(LoopFuture<?> future) {
        active.remove(future);
        if (future.unobservedFailure() != null) {
            failed.add(future);
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /** A task run with {@code execute}: no future reaches anyone, so its failure is never observed. */
    private static final class FireAndForget extends LoopFuture<Object> {
        FireAndForget(long id, Runnable task) {
            super(id, task, null, CallSites.here());
        }

        @Override
        String describe() {
            return "task #" + id + " run with execute() at " + submittedAt;
        }
    }

    // ---- virtual time ----

    public long nowNanos() {
        return nowNanos;
    }

    public long epochNanos() {
        return createdEpochNanos + nowNanos;
    }

    /** A timer due {@code delayNanos} from now on the virtual clock, repeating if {@code periodNanos != 0}. */
    public <V> VirtualTimer<V> schedule(Callable<V> task, long delayNanos, long periodNanos) {
        if (shutdown) {
            throw new RejectedExecutionException("the test loop " + threadName + " is shut down");
        }
        VirtualTimer<V> timer = new VirtualTimer<>(ids.incrementAndGet(), task, nowNanos + Math.max(0, delayNanos),
                periodNanos, this::nowNanos, CallSites.here());
        synchronized (this) {
            timers.add(timer);
        }
        dispatchDue();
        return timer;
    }

    /** Hands every timer due by now to the thread. */
    private void dispatchDue() {
        List<VirtualTimer<?>> due = new ArrayList<>();
        synchronized (this) {
            while (!timers.isEmpty() && timers.peek().dueNanos <= nowNanos) {
                VirtualTimer<?> t = timers.poll();
                if (!t.isCancelled()) {
                    due.add(t);
                }
            }
        }
        for (VirtualTimer<?> t : due) {
            dispatch(t, () -> {
                if (t.runOnce() && !shutdown) {
                    synchronized (this) {
                        timers.add(t);
                    }
                    dispatchDue();
                }
            });
        }
    }

    /**
     * Moves virtual time to the next timer and starts it; false if there is none (or only
     * periodic ones, when {@code includePeriodic} is false).
     */
    private boolean jumpToNextTimer(boolean includePeriodic) {
        synchronized (this) {
            timers.removeIf(VirtualTimer::isCancelled);
            VirtualTimer<?> next = timers.peek();
            if (next == null || !includePeriodic && timers.stream().allMatch(VirtualTimer::isPeriodic)) {
                return false;
            }
            nowNanos = Math.max(nowNanos, next.dueNanos);
        }
        dispatchDue();
        return true;
    }

    /** Whether nothing is queued or running on the loop's thread. */
    public boolean isIdle() {
        return active.isEmpty();
    }

    /**
     * Waits until the thread is idle, jumping virtual time to each next timer whenever it is,
     * until nothing is left but periodic timers. Fails with what is pending at the timeout.
     */
    public void runUntilIdle(long deadlineNanos) throws InterruptedException {
        checkNotOnLoop("runUntilIdle");
        do {
            awaitIdle(deadlineNanos);
        } while (jumpToNextTimer(false));
    }

    /** Runs everything due within {@code nanos} of virtual time, then sets the clock forward by exactly that. */
    public void advanceBy(long nanos, long deadlineNanos) throws InterruptedException {
        checkNotOnLoop("advanceBy");
        long target = nowNanos + nanos;
        while (true) {
            awaitIdle(deadlineNanos);
            synchronized (this) {
                timers.removeIf(VirtualTimer::isCancelled);
                VirtualTimer<?> next = timers.peek();
                if (next == null || next.dueNanos > target) {
                    nowNanos = target;
                    return;
                }
                nowNanos = Math.max(nowNanos, next.dueNanos);
            }
            dispatchDue();
        }
    }

    /**
     * Waits for {@code done}, jumping virtual time to the next timer whenever the thread is idle
     * (trio's autojump): a test of an hour of back-offs runs in milliseconds.
     */
    public void awaitWithAutoJump(java.util.concurrent.Future<?> done, long deadlineNanos) throws InterruptedException {
        while (!done.isDone()) {
            if (isIdle() && jumpToNextTimer(true)) {
                continue;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new LoopTimeoutException("the body did not complete within " + Durations.format(timeout), this);
            }
            synchronized (this) {
                if (!done.isDone() && !isIdle()) {
                    wait(Math.max(1, Math.min(10, left / 1_000_000)));
                } else if (!done.isDone()) {
                    wait(1); // idle, no timers: waiting for work from outside the loop (I/O, other threads)
                }
            }
        }
    }

    /**
     * Gives the loop up to {@code graceNanos} to become idle, and returns. A task that completes
     * the future a test waits on goes on running for a moment after the test has woken: the end of
     * the test must not see it as leaked. A real leak costs the grace once, in a failing test.
     */
    public void settle(long graceNanos) throws InterruptedException {
        long deadline = System.nanoTime() + graceNanos;
        synchronized (this) {
            while (!isIdle()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private void awaitIdle(long deadlineNanos) throws InterruptedException {
        synchronized (this) {
            while (!isIdle()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new LoopTimeoutException("the loop did not become idle within " + Durations.format(timeout), this);
                }
                wait(Math.max(1, Math.min(10, left / 1_000_000)));
            }
        }
    }

    private void checkNotOnLoop(String method) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException(method + " was called on the test loop's own thread, where it would wait for itself: "
                    + "call it from the test method");
        }
    }

    // ---- what is left at the end ----

    /** Tasks queued or running, and timers not yet run: each with where it came from and how long ago. */
    public List<String> pending() {
        List<String> out = new ArrayList<>();
        long now = System.nanoTime();
        for (LoopFuture<?> f : active) {
            out.add(f.describe() + ", waiting " + Durations.format(now - f.submittedNanos));
        }
        synchronized (this) {
            for (VirtualTimer<?> t : timers) {
                if (!t.isCancelled()) {
                    out.add(t.describe());
                }
            }
        }
        return out;
    }

    /** Failures of tasks that nobody observed, each once. */
    public List<String> unobservedFailures() {
        List<String> out = new ArrayList<>();
        for (LoopFuture<?> f = failed.poll(); f != null; f = failed.poll()) {
            Throwable t = f.unobservedFailure();
            if (t != null) {
                out.add(f.describe() + " failed and nobody observed it: " + t);
            }
        }
        return out;
    }

    /** The first failure nobody observed, as a cause for the test's error; null if none. */
    public Throwable firstUnobserved() {
        for (LoopFuture<?> f : failed) {
            Throwable t = f.unobservedFailure();
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    public void shutdown() {
        shutdown = true;
        worker.shutdown();
    }

    public List<Runnable> shutdownNow() {
        shutdown = true;
        synchronized (this) {
            timers.clear();
        }
        return worker.shutdownNow();
    }

    public boolean isShutdown() {
        return shutdown;
    }

    public boolean isTerminated() {
        return shutdown && worker.isTerminated();
    }

    public boolean awaitTermination(long time, TimeUnit unit) throws InterruptedException {
        return worker.awaitTermination(time, unit);
    }

    /** Stops the thread at the end of the loop's scope, whatever is left. */
    public void close() {
        shutdownNow();
    }
}
