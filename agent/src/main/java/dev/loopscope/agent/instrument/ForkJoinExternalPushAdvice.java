package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code ForkJoinPool.externalPush(task)} (JDK 17-18): a submission from outside the pool. */
final class ForkJoinExternalPushAdvice {

    private ForkJoinExternalPushAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool, @Advice.Argument(0) Object task) {
        Hooks.submitted(pool, task);
    }
}
