package dev.loopscope.agent.instrument;

import dev.loopscope.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * {@code ForkJoinPool.WorkQueue.push(task, pool[, internal])}: where {@code fork()}, {@code
 * execute}, {@code submit} and {@code invoke} from inside a pool (and every submission on JDK 19+)
 * meet. The pool argument may be null; the recorder then uses the current worker's pool.
 */
final class ForkJoinPushAdvice {

    private ForkJoinPushAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object task, @Advice.Argument(1) Object pool) {
        Hooks.submitted(pool, task);
    }
}
