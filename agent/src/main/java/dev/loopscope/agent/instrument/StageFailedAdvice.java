package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code CompletableFuture.completeThrowable(...)}: a stage failed. Async stages catch their
 * exception instead of letting it escape the task, so this is how the task's outcome is known.
 */
final class StageFailedAdvice {

    private StageFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Throwable failure) {
        Hooks.stageFailed(failure);
    }
}
