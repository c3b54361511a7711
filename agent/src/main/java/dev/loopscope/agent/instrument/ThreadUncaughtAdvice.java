package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code Thread.dispatchUncaughtException(Throwable)}: a thread dies of an exception. */
final class ThreadUncaughtAdvice {

    private ThreadUncaughtAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread, @Advice.Argument(0) Throwable uncaught) {
        Hooks.threadFailed(thread, uncaught);
    }
}
