package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code ScheduledThreadPoolExecutor.delayedExecute} and {@code reExecutePeriodic}: every path by
 * which a scheduled pool queues a task, including each new period of a periodic one.
 */
final class ScheduleAdvice {

    private ScheduleAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Object executor, @Advice.Argument(0) Object task) {
        return Hooks.scheduled(executor, task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long token, @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            Hooks.submitFailed(token); // rejected: the pool is shut down
        }
    }
}
