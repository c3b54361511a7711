package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.asm.Advice;

/**
 * {@code ThreadPoolExecutor.CallerRunsPolicy.rejectedExecution}: a saturated pool hands the task
 * back to the submitting thread, which runs it there and then. That is the task's run.
 */
final class CallerRunsAdvice {

    private CallerRunsAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.Argument(0) Runnable task, @Advice.Argument(1) ThreadPoolExecutor executor) {
        // The policy runs nothing once the pool is shut down.
        return executor != null && !executor.isShutdown() ? Hooks.runStarted(task) : 0L;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Runnable task, @Advice.Enter long token, @Advice.Thrown Throwable thrown) {
        Hooks.runEnded(token, task, thrown);
    }
}
