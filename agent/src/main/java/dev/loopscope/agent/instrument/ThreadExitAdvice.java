package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code Thread.exit()}, which the JVM calls on a terminating thread: its run ends. */
final class ThreadExitAdvice {

    private ThreadExitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread) {
        Hooks.threadExiting(thread);
    }
}
