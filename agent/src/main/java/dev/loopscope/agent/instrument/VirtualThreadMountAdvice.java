package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code VirtualThread.runContinuation()} (JDK 21+): mounts the virtual thread, runs it until it
 * parks, yields or ends, and unmounts it. On entry and on exit the current thread is the carrier,
 * so each call is one run segment of the virtual thread, recorded on its carrier.
 */
final class VirtualThreadMountAdvice {

    private VirtualThreadMountAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Thread thread) {
        return Hooks.virtualThreadMounting(thread);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long token) {
        Hooks.virtualThreadUnmounted(token);
    }
}
