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

    /** Whether the agent is attached and recording in this JVM. */
    public static boolean isRecording() {
        return Hooks.isRecording();
    }
}
