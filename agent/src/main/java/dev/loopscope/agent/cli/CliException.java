package dev.loopscope.agent.cli;

/** A command that cannot go on: the message is shown to the user as is, and the exit code is 2. */
final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean showUsage;

    CliException(String message) {
        this(message, false);
    }

    CliException(String message, boolean showUsage) {
        super(message);
        this.showUsage = showUsage;
    }

    boolean showUsage() {
        return showUsage;
    }
}
