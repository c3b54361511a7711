package dev.loopscope.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.loopscope.agent.config.AgentOptions;
import dev.loopscope.agent.config.OptionsException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attach PID [OPTIONS]}: loads this jar as an agent into a running JVM.
 *
 * <p>Uses the jdk.attach module. It compiles with {@code --release 17} and resolves at run time
 * without flags: the unnamed module's default root modules include every system module that
 * exports an API, jdk.attach among them. A runtime linked without it fails in {@link Cli}, with a message.
 */
final class AttachCommand {

    private AttachCommand() {
    }

    static void run(String[] args, PrintStream out) throws CliException {
        if (args.length == 0) {
            throw new CliException("attach: which process? give its PID", true);
        }
        if (args.length > 2) {
            throw new CliException("attach: give the options as one argument, separated by commas, e.g. out=/tmp/ls,buffer=128m",
                    true);
        }
        long pid = pid(args[0]);
        Options options = options(args.length == 2 ? args[1] : "");
        Path jar = agentJar();
        requireAttachableJvm(pid);
        load(pid, jar, options.text);
        out.println("[loopscope] attached to process " + pid + "; it records until it exits, then writes its reports to "
                + options.out);
    }

    /** The options to hand to the agent, and where they send the reports. */
    private static final class Options {
        final String text;
        final Path out;

        Options(String text, Path out) {
            this.text = text;
            this.out = out;
        }
    }

    private static long pid(String text) throws CliException {
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            pid = -1;
        }
        if (pid <= 0) {
            throw new CliException("attach: '" + text + "' is not a process id", true);
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new CliException("attach: " + pid + " is this command's own process");
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new CliException("attach: no process with id " + pid + " is running");
        }
        return pid;
    }

    /**
     * Checks the options here, so a mistake is reported to the user rather than printed on the
     * target's stderr. A relative {@code out} is made absolute against this command's directory,
     * where the user will look, not the target JVM's working directory.
     */
    private static Options options(String text) throws CliException {
        AgentOptions parsed;
        try {
            parsed = AgentOptions.parse(text);
        } catch (OptionsException e) {
            throw new CliException("attach: " + e.getMessage());
        }
        Path out = parsed.out().toAbsolutePath().normalize();
        if (out.toString().contains(",")) {
            throw new CliException("attach: the reports directory " + out
                    + " contains a comma, which agent options cannot carry; choose another with out=");
        }
        List<String> pairs = new ArrayList<>();
        if (!text.isBlank()) {
            for (String pair : text.split(",")) {
                if (!pair.substring(0, pair.indexOf('=')).trim().equals(AgentOptions.Option.OUT.key)) {
                    pairs.add(pair.trim());
                }
            }
        }
        pairs.add(AgentOptions.Option.OUT.key + "=" + out);
        return new Options(String.join(",", pairs), out);
    }

    /** The jar this class was loaded from: it is the agent. */
    private static Path agentJar() throws CliException {
        Path location;
        try {
            location = Paths.get(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new CliException("attach: cannot find the agent jar this command runs from: " + e);
        }
        if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
            throw new CliException("attach: run this command from the agent jar (java -jar loopscope-agent.jar attach ...),"
                    + " not from " + location);
        }
        return location;
    }

    /**
     * Attaching to a process that is not a JVM is not harmless: the attach protocol sends it SIGQUIT,
     * which ends most programs. Only JVMs the attach mechanism lists are tried.
     */
    private static void requireAttachableJvm(long pid) throws CliException {
        String id = Long.toString(pid);
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(id)) {
                return;
            }
        }
        throw new CliException("attach: process " + pid + " is not a JVM this user can attach to (it is not a Java"
                + " process, runs as another user, or was started with -XX:-UsePerfData or"
                + " -XX:+DisableAttachMechanism)");
    }

    private static void load(long pid, Path jar, String options) throws CliException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new CliException("attach: cannot attach to process " + pid + ": " + e.getMessage());
        }
        try {
            vm.loadAgent(jar.toString(), options);
        } catch (AgentLoadException e) {
            throw new CliException("attach: process " + pid + " could not load the agent " + jar + ": " + e.getMessage());
        } catch (AgentInitializationException e) {
            throw new CliException("attach: the agent failed to start in process " + pid + " (code "
                    + e.returnValue() + "): " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("attach: lost contact with process " + pid + " while loading the agent: " + e);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the agent is loaded or not; detaching changes neither
            }
        }
    }
}
