package dev.loopscope.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points. This class only puts the bootstrap bridge in place and hands over to
 * {@link AgentRuntime}: it must not mention any bridge or recorder type itself, or the JVM could
 * load those classes through the wrong class loader before the bridge is on the bootstrap path.
 */
public final class AgentMain {

    private AgentMain() {
    }

    /** {@code -javaagent:loopscope-agent.jar[=options]}. */
    public static void premain(String options, Instrumentation inst) {
        start(options, inst, false);
    }

    /** Attached to a running JVM ({@code java -jar loopscope-agent.jar attach PID}). */
    public static void agentmain(String options, Instrumentation inst) {
        start(options, inst, true);
    }

    private static void start(String options, Instrumentation inst, boolean attached) {
        long started = System.nanoTime();
        try {
            File jar = new File(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            dev.loopscope.agent.instrument.BootstrapInjector.inject(inst, jar);
            AgentRuntime.start(options, inst, attached, started);
        } catch (Throwable t) {
            System.err.println("[loopscope] the agent could not start and is off; the application runs without it: " + t);
        }
    }
}
