package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.start()} and, on JDK 21+, {@code Thread.start(ThreadContainer)}, which pools use,
 * and {@code VirtualThread.start(ThreadContainer)}: a thread is a task, submitted when started.
 */
final class ThreadStartAdvice {

    private ThreadStartAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Thread thread) {
        return Hooks.threadStarting(thread);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long token, @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            Hooks.submitFailed(token);
        }
    }
}
