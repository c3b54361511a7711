package dev.loopscope.agent.recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * The planned start of a scheduled task, in {@code System.nanoTime()} terms.
 *
 * <p>The JDK's {@code ScheduledFutureTask} keeps it in a private field, read directly when the
 * agent has opened {@code java.util.concurrent} to itself; that is exact. Otherwise it is derived
 * from {@code getDelay}, which reads the clock itself: the clock is read around it and the read
 * retried if the thread was descheduled in between, so the result is off by at most a couple of
 * microseconds.
 */
final class PlannedStart {

    private static final long MAX_BRACKET_NANOS = 2_000;
    private static final Class<?> SCHEDULED_FUTURE_TASK;
    private static final VarHandle TIME;

    static {
        Class<?> type = null;
        VarHandle time = null;
        try {
            type = Class.forName("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask");
            time = MethodHandles.privateLookupIn(type, MethodHandles.lookup()).findVarHandle(type, "time", long.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            time = null; // java.util.concurrent is not open to the agent: use getDelay
        }
        SCHEDULED_FUTURE_TASK = type;
        TIME = time;
    }

    private PlannedStart() {
    }

    /** Returns the planned start; {@code now} is the caller's clock read, used when there is no delay. */
    static long of(Object task, long now) {
        if (TIME != null && task.getClass() == SCHEDULED_FUTURE_TASK) {
            return (long) TIME.get(task);
        }
        if (!(task instanceof Delayed)) {
            return now;
        }
        Delayed delayed = (Delayed) task;
        long before;
        long delay;
        long after;
        int tries = 0;
        try {
            do {
                before = System.nanoTime();
                delay = delayed.getDelay(TimeUnit.NANOSECONDS);
                after = System.nanoTime();
            } while (after - before > MAX_BRACKET_NANOS && ++tries < 3);
        } catch (RuntimeException | Error e) {
            return now; // an application's getDelay (decorateTask) failed: only this task is approximate
        }
        return before + (after - before) / 2 + delay;
    }
}
