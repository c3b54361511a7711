package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code Thread.run()} and {@code ForkJoinWorkerThread.run()}: a started thread begins. */
final class ThreadRunAdvice {

    private ThreadRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread) {
        Hooks.threadRunning(thread);
    }
}
