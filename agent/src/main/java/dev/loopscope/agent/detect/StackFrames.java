package dev.loopscope.agent.detect;

import java.util.ArrayList;
import java.util.List;

/** Stacks as findings show them: the agent's own frames cut off, the call site picked out. */
public final class StackFrames {

    static final int MAX_FRAMES = 64;

    private StackFrames() {
    }

    /** The current thread's stack from the first frame that is not the agent's (the hooked JDK method). */
    static StackTraceElement[] here() {
        return trim(new Throwable().getStackTrace());
    }

    /** {@code stack} without the agent's frames, at most {@link #MAX_FRAMES} long. */
    static StackTraceElement[] trim(StackTraceElement[] stack) {
        List<StackTraceElement> out = new ArrayList<>(Math.min(stack.length, MAX_FRAMES));
        for (StackTraceElement e : stack) {
            if (!isAgent(e.getClassName())) {
                out.add(e);
                if (out.size() == MAX_FRAMES) {
                    break;
                }
            }
        }
        return out.toArray(new StackTraceElement[0]);
    }

    /**
     * Whether the agent's own code runs between the top of {@code raw} (a stack not yet trimmed)
     * and the application's first frame: a wait there is the agent's, never the application's.
     */
    static boolean inAgentCode(StackTraceElement[] raw) {
        for (StackTraceElement e : raw) {
            String cls = e.getClassName();
            if (isAgent(cls)) {
                return true;
            }
            if (!isJdk(cls)) {
                return false;
            }
        }
        return false;
    }

    static boolean isAgent(String className) {
        return AgentCode.isAgent(className);
    }

    static boolean isJdk(String className) {
        return AgentCode.isJdk(className);
    }

    /** The index of the first frame of the application (or a library): the call site; -1 if the stack is all JDK. */
    static int callSite(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            if (!isJdk(stack[i].getClassName())) {
                return i;
            }
        }
        return -1;
    }

    /** {@code com.acme.Service.load(Service.java:42)}: class, method, file and line, without module names. */
    public static String format(StackTraceElement e) {
        StringBuilder b = new StringBuilder(e.getClassName()).append('.').append(e.getMethodName()).append('(');
        if (e.isNativeMethod()) {
            b.append("Native Method");
        } else if (e.getFileName() == null) {
            b.append("Unknown Source");
        } else {
            b.append(e.getFileName());
            if (e.getLineNumber() >= 0) {
                b.append(':').append(e.getLineNumber());
            }
        }
        return b.append(')').toString();
    }

    static List<String> formatAll(StackTraceElement[] stack) {
        List<String> out = new ArrayList<>(stack.length);
        for (StackTraceElement e : stack) {
            out.add(format(e));
        }
        return out;
    }

    /** {@code java.util.concurrent.CompletableFuture.join}: a frame's class and method. */
    static String method(StackTraceElement e) {
        return e.getClassName() + "." + e.getMethodName();
    }
}
