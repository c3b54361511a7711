package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * A hooked blocking method whose first argument decides whether it blocks: a DNS lookup of an
 * address literal ({@code InetAddress.getByName("127.0.0.1")}) looks nothing up.
 */
final class BlockingArgumentAdvice {

    private BlockingArgumentAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@BlockingAdvice.ApiId int api, @Advice.Argument(value = 0, optional = true) Object argument) {
        return Hooks.blockingEnter(api, argument);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long token) {
        Hooks.blockingExit(token);
    }
}
