package dev.loopscope.agent.detect;

/** Tells the agent's own classes and the JDK's from everyone else's, for stacks and for call-site rewriting. */
public final class AgentCode {

    /**
     * The agent's packages, listed rather than matched by the prefix {@code dev.loopscope.agent.}:
     * the agent's tests (their workloads included) live under that prefix too, and are application code.
     */
    private static final String[] AGENT_PACKAGES = {"dev.loopscope.agent.bootstrap.", "dev.loopscope.agent.detect.",
        "dev.loopscope.agent.recorder.", "dev.loopscope.agent.instrument.", "dev.loopscope.agent.report.",
        "dev.loopscope.agent.timeline.", "dev.loopscope.agent.jfr.", "dev.loopscope.agent.config.",
        "dev.loopscope.agent.cli.", "dev.loopscope.agent.bridge.", "dev.loopscope.agent.tracking.",
        "dev.loopscope.agent.internal.", "dev.loopscope.agent.AgentMain", "dev.loopscope.agent.AgentRuntime",
        "dev.loopscope.shaded."};

    private AgentCode() {
    }

    /** Whether {@code className} (dotted; a formatted frame works too, as only its prefix counts) is the JDK's. */
    public static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    /** Whether {@code className} (dotted, as in a stack trace) is the agent's own. */
    public static boolean isAgent(String className) {
        if (!className.startsWith("dev.loopscope.")) {
            return false;
        }
        for (String p : AGENT_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
