package dev.loopscope.agent.cli;

import dev.loopscope.agent.config.AgentOptions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code java -jar loopscope-agent.jar COMMAND}: rebuilds reports from a JFR recording, or attaches
 * the agent to a running JVM. Exit code 0 on success, 2 on any error, with one message on stderr.
 */
public final class Cli {

    static final int OK = 0;
    static final int ERROR = 2;

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("-h") || args[0].equals("--help")) {
            err.print(usage());
            return ERROR;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "report":
                    ReportCommand.run(rest, out, err);
                    return OK;
                case "attach":
                    attach(rest, out);
                    return OK;
                default:
                    throw new CliException("unknown command '" + args[0] + "'", true);
            }
        } catch (CliException e) {
            err.println("loopscope: " + e.getMessage());
            if (e.showUsage()) {
                err.print(usage());
            }
            return ERROR;
        }
    }

    private static void attach(String[] args, PrintStream out) throws CliException {
        try {
            AttachCommand.run(args, out);
        } catch (NoClassDefFoundError e) {
            throw new CliException("this Java runtime has no attach support (module jdk.attach is missing);"
                    + " run the command with a full JDK");
        }
    }

    static String usage() {
        StringBuilder b = new StringBuilder();
        b.append("usage: java -jar loopscope-agent.jar COMMAND\n");
        b.append("  report FILE.jfr [-o DIR]  write the reports of a JFR recording made with the agent\n");
        b.append("                            into DIR (default ./loopscope)\n");
        b.append("  attach PID [OPTIONS]      start recording in the running JVM PID; it writes its reports\n");
        b.append("                            when it exits\n");
        b.append("  help                      show this message\n");
        b.append("OPTIONS are key=value pairs separated by commas, as for -javaagent:loopscope-agent.jar=OPTIONS:\n");
        for (AgentOptions.Option o : AgentOptions.Option.values()) {
            b.append(String.format(Locale.ROOT, "  %-8s %s (default %s)%n", o.key, o.description,
                    o.defaultValue.isEmpty() ? "none" : o.defaultValue));
        }
        return b.toString();
    }
}
