package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * The constructor of {@code Executors.DelegatedExecutorService}, the base of the JDK's executor
 * wrappers: remembers which executor a wrapper delegates to, so a name given to the wrapper
 * reaches the executor its tasks actually run on.
 */
final class ExecutorWrapperAdvice {

    private ExecutorWrapperAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object wrapper, @Advice.Argument(0) Object inner) {
        Hooks.executorWrapped(wrapper, inner);
    }
}
