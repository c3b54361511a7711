package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code ThreadPoolExecutor.execute(Runnable)}: a task is handed to the pool, or rejected. */
final class ExecutorSubmitAdvice {

    private ExecutorSubmitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Object executor, @Advice.Argument(0) Object task) {
        return Hooks.submitted(executor, task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long token, @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            Hooks.submitFailed(token);
        }
    }
}
