package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code VirtualThread.start(ThreadContainer)} (JDK 21+): a virtual thread is a task, submitted when started. */
final class VirtualThreadStartAdvice {

    private VirtualThreadStartAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Thread thread) {
        return Hooks.virtualThreadStarting(thread);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long token, @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            Hooks.submitFailed(token);
        }
    }
}
