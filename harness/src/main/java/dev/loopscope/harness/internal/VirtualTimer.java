package dev.loopscope.harness.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A task scheduled on a test loop's virtual clock: due at {@code dueNanos} of virtual time, and,
 * if periodic, due again {@code periodNanos} later (fixed rate, positive) or after its end (fixed
 * delay, negative), as {@code ScheduledThreadPoolExecutor} defines them.
 */
final class VirtualTimer<V> extends LoopFuture<V> implements RunnableScheduledFuture<V> {

    private final LongSupplier clock;
    private final long periodNanos;
    private final long sequence;
    volatile long dueNanos;

    VirtualTimer(long id, Callable<V> task, long dueNanos, long periodNanos, LongSupplier clock, String submittedAt) {
        super(id, task, submittedAt);
        this.dueNanos = dueNanos;
        this.periodNanos = periodNanos;
        this.clock = clock;
        this.sequence = id;
    }

    @Override
    public boolean isPeriodic() {
        return periodNanos != 0;
    }

    /** Runs once; a periodic timer that ran normally is due again (returns true), else it is done. */
    boolean runOnce() {
        if (!isPeriodic()) {
            run();
            return false;
        }
        if (!runAndReset()) {
            return false;
        }
        dueNanos = periodNanos > 0 ? dueNanos + periodNanos : clock.getAsLong() - periodNanos;
        return true;
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(dueNanos - clock.getAsLong(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        if (other instanceof VirtualTimer) {
            VirtualTimer<?> o = (VirtualTimer<?>) other;
            int c = Long.compare(dueNanos, o.dueNanos);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
        return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    String describe() {
        return "timer #" + id + " (due at " + dueNanos / 1_000_000 + " ms of virtual time) scheduled at " + submittedAt;
    }
}
