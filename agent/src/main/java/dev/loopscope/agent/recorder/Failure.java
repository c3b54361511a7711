package dev.loopscope.agent.recorder;

/** How a task failed: the exception's class name and message, captured when the run ended. */
public final class Failure {

    private final String className;
    private final String message;

    public Failure(String className, String message) {
        this.className = className;
        this.message = message;
    }

    /**
     * Captures {@code t}. {@code getMessage()} is application code and may misbehave; whatever it
     * does, this returns.
     */
    static Failure of(Throwable t, int maxMessageChars) {
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable ignored) {
            message = "(getMessage() threw " + ignored.getClass().getName() + ")";
        }
        if (message != null && message.length() > maxMessageChars) {
            message = message.substring(0, maxMessageChars) + "…";
        }
        return new Failure(t.getClass().getName(), message);
    }

    public String className() {
        return className;
    }

    /** The message, or {@code null} when the exception had none. */
    public String message() {
        return message;
    }
}
