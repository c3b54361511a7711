package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * The CompletableFuture advice of {@link FutureHookPoints}, one nested class per kind of call.
 * Each is one read of a static field until the harness starts tracking.
 */
final class FutureAdvice {

    private FutureAdvice() {
    }

    /** A method returns a future to its caller (a stage method, {@code supplyAsync}, {@code allOf}...). */
    static final class Returned {
        private Returned() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object returned) {
            Hooks.futureReturned(returned);
        }
    }

    /** A constructor (of CompletableFuture, so of every subclass too) returns. */
    static final class Constructed {
        private Constructed() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object future) {
            Hooks.futureConstructed(future);
        }
    }

    /** A dependent is attached to this future, a thread waits on it, or its state is looked at. */
    static final class Observed {
        private Observed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object future) {
            Hooks.futureObserved(future, false);
        }
    }

    /** This future's failure is read ({@code join}, {@code handle}, {@code exceptionally}...). */
    static final class Consumed {
        private Consumed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object future) {
            Hooks.futureObserved(future, true);
        }
    }

    /** The other stage of {@code thenCombine}, {@code applyToEither}... gets a dependent too. */
    static final class OtherObserved {
        private OtherObserved() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object other) {
            Hooks.futureObserved(other, false);
        }
    }

    /**
     * {@code orTimeout}, {@code completeOnTimeout} (they attach a {@code whenComplete} to their own
     * future) and the timer task that fails it ({@code isDone} first): the JDK's calls, not the test's.
     */
    static final class Internal {
        private Internal() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.futureInternal(true);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            Hooks.futureInternal(false);
        }
    }

    /** {@code allOf} and {@code anyOf}: each future given passes its failure on. */
    static final class AllObserved {
        private AllObserved() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object[] futures) {
            Hooks.futuresObserved(futures);
        }
    }
}
