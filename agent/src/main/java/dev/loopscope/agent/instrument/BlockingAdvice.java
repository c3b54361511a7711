package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;

/**
 * Every hooked blocking method (see {@code detect.BlockingApis}): entry and exit are told to the
 * detector with the API's id, which {@link BlockingHookPoints} binds as a constant per method.
 */
final class BlockingAdvice {

    /** The API id, bound per hooked method. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface ApiId {
    }

    private BlockingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@ApiId int api, @Advice.This(optional = true) Object target) {
        return Hooks.blockingEnter(api, target);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter long token) {
        Hooks.blockingExit(token);
    }
}
