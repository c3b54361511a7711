package dev.loopscope.agent.internal;

import dev.loopscope.agent.detect.AgentCode;
import dev.loopscope.agent.detect.StackFrames;

/**
 * The one stderr line that reports a fault inside the agent: which part failed and where, what
 * stopped because of it, and the fault itself, never a stack trace. Each part reports its first
 * fault only and then stops, so a fault that would repeat is still one line.
 */
public final class InternalFault {

    private static final int MAX_FAULT_CHARS = 300;

    private InternalFault() {
    }

    /**
     * {@code internal fault in the PART (at FRAME); WHAT STOPPED; the application is unaffected:
     * FAULT}, without the {@code [loopscope]} prefix.
     */
    public static String describe(String part, String whatStopped, Throwable fault) {
        return "internal fault in the " + part + " (at " + origin(fault) + "); " + whatStopped
                + "; the application is unaffected: " + oneLine(fault);
    }

    /** The agent's frame nearest to where {@code fault} was thrown: what a bug report needs first. */
    static String origin(Throwable fault) {
        StackTraceElement[] stack = fault.getStackTrace();
        for (StackTraceElement e : stack) {
            if (AgentCode.isAgent(e.getClassName())) {
                return StackFrames.format(e);
            }
        }
        return stack.length > 0 ? StackFrames.format(stack[0]) : "an unknown place";
    }

    private static String oneLine(Throwable fault) {
        String text = String.valueOf(fault).replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return text.length() <= MAX_FAULT_CHARS ? text : text.substring(0, MAX_FAULT_CHARS - 1) + "…";
    }
}
