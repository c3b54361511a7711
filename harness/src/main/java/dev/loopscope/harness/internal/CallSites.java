package dev.loopscope.harness.internal;

import java.util.Optional;

/**
 * Where the test's code called in: the first frame outside the harness and the JDK's concurrency
 * classes, taken with a {@link StackWalker} that stops there (a few microseconds, not a full stack).
 */
public final class CallSites {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallSites() {
    }

    /** {@code com.acme.OrderTest.lambda$places$0(OrderTest.java:42)}, or "unknown". */
    public static String here() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames
                .filter(f -> !isSkipped(f.getClassName()))
                .findFirst());
        return frame.map(CallSites::format).orElse("unknown");
    }

    private static boolean isSkipped(String className) {
        // the harness's own classes, by name: its examples and tests live under dev.loopscope.harness too
        return className.startsWith("dev.loopscope.harness.internal.") || className.equals("dev.loopscope.harness.TestLoop")
                || className.startsWith("dev.loopscope.harness.TestLoop$") || className.startsWith("java.util.concurrent.")
                || className.startsWith("java.lang.");
    }

    private static String format(StackWalker.StackFrame f) {
        return f.getClassName() + "." + f.getMethodName() + "(" + (f.getFileName() == null ? "Unknown Source"
                : f.getFileName() + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "")) + ")";
    }
}
