package dev.loopscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.loopscope.agent.bootstrap.Hooks;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Every hook point of the task recorder (and of loop-thread bookkeeping), and the JDKs on which each must be found. */
final class HookPoints {

    private static final int ANY = Integer.MAX_VALUE;
    private static final String TPE = "java.util.concurrent.ThreadPoolExecutor";
    private static final String STPE = "java.util.concurrent.ScheduledThreadPoolExecutor";
    private static final String FJP = "java.util.concurrent.ForkJoinPool";
    private static final String FJT = "java.util.concurrent.ForkJoinTask";
    private static final String CF = "java.util.concurrent.CompletableFuture";

    private HookPoints() {
    }

    static List<HookPoint> all() {
        return List.of(
                advice("ThreadPoolExecutor.execute", TPE,
                        named("execute").and(takesArguments(Runnable.class)), ExecutorSubmitAdvice.class, 17, ANY),
                new HookPoint("ThreadPoolExecutor.runWorker", TPE, named("runWorker"), HookPoints::runWorkerTask, 17, ANY),
                advice("ThreadPoolExecutor.runWorker (worker start)", TPE, named("runWorker"), WorkerStartAdvice.class, 17, ANY),
                advice("ThreadPoolExecutor.CallerRunsPolicy.rejectedExecution", TPE + "$CallerRunsPolicy",
                        named("rejectedExecution").and(takesArguments(2)), CallerRunsAdvice.class, 17, ANY),
                advice("ScheduledThreadPoolExecutor.delayedExecute", STPE, named("delayedExecute"), ScheduleAdvice.class, 17, ANY),
                advice("ScheduledThreadPoolExecutor.reExecutePeriodic", STPE, named("reExecutePeriodic"), ScheduleAdvice.class, 17, ANY),
                advice("ForkJoinPool.WorkQueue.push", FJP + "$WorkQueue",
                        named("push").and(takesArgument(0, named(FJT))).and(takesArgument(1, named(FJP))),
                        ForkJoinPushAdvice.class, 17, ANY),
                advice("ForkJoinPool.externalPush", FJP, named("externalPush").and(takesArguments(1)),
                        ForkJoinExternalPushAdvice.class, 17, 18),
                advice("ForkJoinTask.doExec", FJT, named("doExec").and(takesArguments(0)), ForkJoinExecAdvice.class, 17, ANY),
                advice("CompletableFuture.completeThrowable", CF,
                        named("completeThrowable").and(takesArgument(0, Throwable.class)), StageFailedAdvice.class, 17, ANY),
                advice("Executors.DelegatedExecutorService.<init>", "java.util.concurrent.Executors$DelegatedExecutorService",
                        isConstructor().and(takesArguments(1)), ExecutorWrapperAdvice.class, 17, ANY),
                advice("Thread.start", "java.lang.Thread", named("start").and(takesArguments(0)), ThreadStartAdvice.class, 17, ANY),
                // JDK 21+: how pools start their threads (into a thread container), bypassing start()
                advice("Thread.start(ThreadContainer)", "java.lang.Thread", named("start").and(takesArguments(1)),
                        ThreadStartAdvice.class, 21, ANY),
                advice("VirtualThread.start", "java.lang.VirtualThread", named("start").and(takesArguments(1)),
                        ThreadStartAdvice.class, 21, ANY),
                advice("VirtualThread.runContinuation", "java.lang.VirtualThread",
                        named("runContinuation").and(takesArguments(0)), VirtualThreadMountAdvice.class, 21, ANY),
                advice("VirtualThread.parkOnCarrierThread", "java.lang.VirtualThread",
                        named("parkOnCarrierThread"), PinnedAdvice.class, 21, ANY),
                advice("Thread.run", "java.lang.Thread", named("run").and(takesArguments(0)), ThreadRunAdvice.class, 17, ANY),
                advice("ForkJoinWorkerThread.run", "java.util.concurrent.ForkJoinWorkerThread",
                        named("run").and(takesArguments(0)), ThreadRunAdvice.class, 17, ANY),
                advice("Thread.exit", "java.lang.Thread", named("exit").and(takesArguments(0)), ThreadExitAdvice.class, 17, ANY),
                advice("Thread.dispatchUncaughtException", "java.lang.Thread",
                        named("dispatchUncaughtException").and(takesArguments(Throwable.class)),
                        ThreadUncaughtAdvice.class, 17, ANY));
    }

    private static HookPoint advice(String name, String type, ElementMatcher<? super MethodDescription> methods,
            Class<?> advice, int from, int until) {
        return new HookPoint(name, type, methods, m -> Advice.to(advice).on(m), from, until);
    }

    /**
     * In the worker loop, {@code task.run()} becomes {@code Hooks.runTask(task)}: one call site that
     * every pool task passes, whatever a subclass does with {@code beforeExecute}/{@code afterExecute}.
     */
    private static net.bytebuddy.asm.AsmVisitorWrapper runWorkerTask(ElementMatcher<? super MethodDescription> methods) {
        try {
            return MemberSubstitution.relaxed()
                    .method(named("run").and(takesArguments(0)).and(isDeclaredBy(Runnable.class)))
                    .replaceWith(Hooks.class.getMethod("runTask", Runnable.class))
                    .on(methods);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
