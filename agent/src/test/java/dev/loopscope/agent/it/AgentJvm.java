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
 * Starts a workload's {@code main} in a fresh JVM (the JDK running the tests) with the agent
 * jar built by this module, and collects what it printed, its exit code and its reports.
 */
public final class AgentJvm {

    private final Class<?> mainClass;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private String agentOptions = "";
    private boolean withAgent = true;
    private long timeoutSeconds = 60;
    private Path reportsDir;

    private AgentJvm(Class<?> mainClass) {
        this.mainClass = mainClass;
    }

    public static AgentJvm of(Class<?> mainClass) {
        return new AgentJvm(mainClass);
    }

    public static Path agentJar() {
        return Paths.get(required("loopscope.agentJar"));
    }

    public static Path workDir(String name) throws IOException {
        Path dir = Paths.get(required("loopscope.workDir")).resolve(name);
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run integration tests with mvn verify");
        }
        return value;
    }

    /** Agent options, without the reports directory: {@link #run} adds {@code out=}. */
    public AgentJvm options(String options) {
        this.agentOptions = options;
        return this;
    }

    /** Where {@code out=} points, instead of {@code workDir(name)/reports}. */
    public AgentJvm reportsTo(Path dir) {
        this.reportsDir = dir;
        return this;
    }

    public AgentJvm withoutAgent() {
        this.withAgent = false;
        return this;
    }

    public AgentJvm jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    public AgentJvm args(String... args) {
        programArgs.addAll(List.of(args));
        return this;
    }

    public AgentJvm timeout(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** Runs the workload with reports written to {@code workDir(name)/reports}. */
    public Result run(String name) throws IOException, InterruptedException {
        Path dir = workDir(name);
        Path reports = reportsDir != null ? reportsDir : dir.resolve("reports");
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        if (withAgent) {
            String opts = "out=" + reports + (agentOptions.isEmpty() ? "" : "," + agentOptions);
            cmd.add("-javaagent:" + agentJar() + "=" + opts);
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(required("loopscope.testClasses"));
        cmd.add(mainClass.getName());
        cmd.addAll(programArgs);
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(mainClass.getSimpleName() + " did not finish within " + timeoutSeconds + "s; stderr:\n"
                    + Files.readString(stderr));
        }
        return new Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), reports);
    }

    /** What a workload JVM left behind. */
    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;
        public final Path reports;

        Result(int exitCode, String stdout, String stderr, Path reports) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.reports = reports;
        }

        @SuppressWarnings("unchecked")
        public java.util.Map<String, Object> summary() throws IOException {
            return (java.util.Map<String, Object>) MiniJson.parse(Files.readString(reports.resolve("loopscope-summary.json")));
        }

        public RecordedTrace trace() throws IOException {
            return RecordedTrace.read(reports.resolve("loopscope-trace.json"));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
