package dev.loopscope.agent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the tests start with the JDK running them: the agent jar's command line ({@code java -jar}),
 * or a workload left running in the background for the CLI to attach to. Output goes to files in
 * the given directory, so a failing test can show it.
 */
public final class JvmProcess {

    private final String what;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JvmProcess(String what, List<String> args, Path dir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        this.what = what;
        this.stdout = dir.resolve(what + ".stdout.txt");
        this.stderr = dir.resolve(what + ".stderr.txt");
        this.process = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /** Runs {@code java -jar loopscope-agent.jar ARGS} in {@code dir} to the end. */
    public static Result cli(Path dir, String... args) throws IOException, InterruptedException {
        return cli(dir, List.of(), args);
    }

    /** Runs {@code java JVM_ARGS -jar loopscope-agent.jar ARGS} in {@code dir} to the end. */
    public static Result cli(Path dir, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(jvmArgs);
        all.addAll(List.of("-jar", AgentJvm.agentJar().toString()));
        all.addAll(List.of(args));
        return new JvmProcess("cli", all, dir).await(60);
    }

    /** Starts {@code main} in the background, with {@code jvmArgs} (no agent unless they add it). */
    public static JvmProcess start(Path dir, List<String> jvmArgs, Class<?> main, String... args) throws IOException {
        List<String> all = new ArrayList<>(jvmArgs);
        all.addAll(List.of("-cp", System.getProperty("loopscope.testClasses"), main.getName()));
        all.addAll(List.of(args));
        return new JvmProcess(main.getSimpleName(), all, dir);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the process has printed {@code text} on stdout. */
    public void awaitStdout(String text, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.readString(stdout).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not print '" + text + "' within " + seconds + "s: "
                        + result(process.isAlive() ? -1 : process.exitValue()));
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the process to exit; kills it and fails if it takes longer than {@code seconds}. */
    public Result await(long seconds) throws IOException, InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(what + " did not finish within " + seconds + "s: " + result(-1));
        }
        return result(process.exitValue());
    }

    /** Ends the process at once (SIGKILL where there are signals), if it is still running. */
    public void kill() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    private Result result(int exitCode) throws IOException {
        return new Result(exitCode, Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** What a finished process left behind. */
    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
