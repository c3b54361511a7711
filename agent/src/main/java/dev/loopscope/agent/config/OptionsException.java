package dev.loopscope.agent.config;

/** An agent option that cannot be used; the message names it and says what would be valid. */
public final class OptionsException extends Exception {

    private static final long serialVersionUID = 1L;

    public OptionsException(String message) {
        super(message);
    }
}
