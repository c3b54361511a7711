package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code ThreadPoolExecutor.runWorker}: the current thread is this pool's worker from now on. */
final class WorkerStartAdvice {

    private WorkerStartAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object executor) {
        Hooks.workerStarting(executor);
    }
}
