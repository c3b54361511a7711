package dev.loopscope.agent.recorder;

/** How a task failed: the exception's class name and message, captured when the run ended. */
public final class Failure {

    /** Longer messages are cut: a failure's cost against the buffer stays bounded. */
    static final int MAX_MESSAGE_CHARS = 500;

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
    static Failure of(Throwable t) {
        if (t == null) {
            return new Failure("(unknown)", null);
        }
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable ignored) {
            message = "(getMessage() threw " + ignored.getClass().getName() + ")";
        }
        if (message != null && message.length() > MAX_MESSAGE_CHARS) {
            // Never between the two halves of a surrogate pair: half of one is not text.
            int cut = Character.isHighSurrogate(message.charAt(MAX_MESSAGE_CHARS - 1)) ? MAX_MESSAGE_CHARS - 1 : MAX_MESSAGE_CHARS;
            message = message.substring(0, cut) + "…";
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
