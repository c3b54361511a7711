package dev.loopscope.api;

import dev.loopscope.agent.bootstrap.Hooks;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The small public API of the Loopscope agent, for application code.
 *
 * <p>With the agent attached ({@code -javaagent:loopscope-agent.jar}) this class is on the
 * bootstrap class path, so every class loader sees it. Without the agent its calls do nothing.
 */
public final class Loopscope {

    private Loopscope() {
    }

    /**
     * Gives {@code executor} the name under which its tasks appear in every report, instead of the
     * name derived from its threads. Returns the executor, so it can wrap a constructor call.
     */
    public static <E extends Executor> E name(E executor, String name) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(name, "name");
        Hooks.executorNamed(executor, name);
        return executor;
    }

    /**
     * Marks {@code thread} as a loop (non-blocking) thread: a blocking call on it, and a task
     * holding it past the stall threshold, is a finding. Returns the thread.
     */
    public static Thread markLoop(Thread thread) {
        Objects.requireNonNull(thread, "thread");
        Hooks.markLoop(thread);
        return thread;
    }

    /**
     * Marks every thread of {@code executor} (a ThreadPoolExecutor or ForkJoinPool, or one of the
     * JDK's wrappers of them) as a loop thread. Returns the executor, so it can wrap a constructor call.
     */
    public static <E extends Executor> E markLoop(E executor) {
        Objects.requireNonNull(executor, "executor");
        Hooks.markLoop(executor);
        return executor;
    }

    /**
     * Allows a blocking call that would otherwise be a finding: {@code "com.acme.Cache.load"} (a
     * method anywhere in the stack), {@code "com.acme.legacy.*"} (every method of a class or
     * package), or {@code "api:Thread.sleep"} (an API wherever it is called). The same entries
     * as the agent's {@code allow=} option.
     *
     * @throws IllegalArgumentException if {@code entry} is none of those forms
     */
    public static void allowBlocking(String entry) {
        Objects.requireNonNull(entry, "entry");
        String error = Hooks.allowBlocking(entry);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }

    /** Whether the agent is attached and recording in this JVM. */
    public static boolean isRecording() {
        return Hooks.isRecording();
    }
}
