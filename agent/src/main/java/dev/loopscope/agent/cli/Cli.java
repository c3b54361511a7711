package dev.loopscope.agent.cli;

/** {@code java -jar loopscope-agent.jar COMMAND}: report and attach (filled in by the CLI work). */
public final class Cli {

    private Cli() {
    }

    public static void main(String[] args) {
        System.err.println("usage: java -jar loopscope-agent.jar report FILE.jfr [-o DIR] | attach PID [options]");
        System.exit(2);
    }
}
