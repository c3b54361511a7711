package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code VirtualThread.parkOnCarrierThread} (JDK 21+): a virtual thread that could not unmount
 * (pinned by a native frame, a class initializer, or on 21–23 a monitor) parks its carrier.
 */
final class PinnedAdvice {

    private PinnedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return Hooks.pinnedEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long token) {
        Hooks.pinnedExit(token);
    }
}
