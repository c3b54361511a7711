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
    static void enter(@Advice.This Object executor, @Advice.Argument(0) Object task) {
        Hooks.scheduled(executor, task);
    }
}
