package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code ForkJoinTask.doExec()}: every execution of a fork-join task, by a worker, by a thread
 * helping while it joins, or by {@code invoke()} on the caller's thread.
 */
final class ForkJoinExecAdvice {

    private ForkJoinExecAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Object task) {
        return Hooks.runStarted(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object task, @Advice.Enter long token, @Advice.Thrown Throwable thrown) {
        Hooks.runEnded(token, task, thrown);
    }
}
