package dev.loopscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The hook points in CompletableFuture that let the harness find futures created by a test and
 * never observed (see the agent's {@code tracking} package): which methods hand a future to
 * their caller, and which look at one.
 */
final class FutureHookPoints {

    private static final int ANY = Integer.MAX_VALUE;
    private static final String CF = "java.util.concurrent.CompletableFuture";
    private static final String STAGE = "java.util.concurrent.CompletionStage";

    private FutureHookPoints() {
    }

    static List<HookPoint> all() {
        ElementMatcher.Junction<MethodDescription> instance = isPublic().and(not(isStatic()));
        return List.of(
                advice("CompletableFuture (futures returned)",
                        isPublic().and(returns(namedOneOf(CF, STAGE)))
                                .and(not(namedOneOf("toCompletableFuture", "orTimeout", "completeOnTimeout",
                                        "completeAsync", "newIncompleteFuture"))),
                        FutureAdvice.Returned.class),
                advice("CompletableFuture.<init>", isConstructor(), FutureAdvice.Constructed.class),
                advice("CompletableFuture (dependents attached)", instance.and(nameStartsWith("then")
                        .or(nameStartsWith("runAfter")).or(nameStartsWith("applyToEither")).or(nameStartsWith("acceptEither"))
                        .or(namedOneOf("copy", "minimalCompletionStage", "isDone", "isCancelled", "getNumberOfDependents"))),
                        FutureAdvice.Observed.class),
                // every dependent and waiter, the JDK's own relays (thenCompose, allOf) included
                advice("CompletableFuture.tryPushStack", named("tryPushStack"), FutureAdvice.Observed.class),
                advice("CompletableFuture (failures read)", instance.and(namedOneOf("get", "join", "getNow", "resultNow",
                        "exceptionNow", "isCompletedExceptionally", "state")
                        .or(nameStartsWith("handle")).or(nameStartsWith("whenComplete")).or(nameStartsWith("exceptionally"))),
                        FutureAdvice.Consumed.class),
                advice("CompletableFuture (other stage of two)", instance.and(takesArgument(0, named(STAGE))),
                        FutureAdvice.OtherObserved.class),
                advice("CompletableFuture.allOf/anyOf", isStatic().and(namedOneOf("allOf", "anyOf")),
                        FutureAdvice.AllObserved.class),
                advice("CompletableFuture.orTimeout/completeOnTimeout", instance.and(namedOneOf("orTimeout", "completeOnTimeout")),
                        FutureAdvice.Internal.class),
                // the timer's task looks at the future (isDone) before it fails it: not an observer
                new HookPoint("CompletableFuture$Timeout.run", CF + "$Timeout", named("run"),
                        m -> Advice.to(FutureAdvice.Internal.class).on(m), 17, ANY));
    }

    private static HookPoint advice(String name, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
        return new HookPoint(name, CF, methods, m -> Advice.to(advice).on(m), 17, ANY);
    }
}
