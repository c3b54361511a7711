package dev.loopscope.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The command line of {@link Results}: {@code [--smoke|--quick|--full] [--out FILE] [AGENT_JAR]},
 * the agent jar defaulting to {@code agent/target/loopscope-agent.jar}. Bad input ends the run
 * with one line naming it and what would be valid, and exit code 2.
 */
final class RunnerArgs {

    static final String USAGE = "usage: Results [--smoke|--quick|--full] [--out FILE] [AGENT_JAR]";

    final RunMode mode;
    final Path out;
    final String agentJar;
    /** {@code -javaagent:JAR=out=DIR}, the reports going to a temporary directory; add options with ",key=value". */
    final String agent;

    private RunnerArgs(RunMode mode, Path out, String agentJar) {
        this.mode = mode;
        this.out = out;
        this.agentJar = agentJar;
        File reports = new File(System.getProperty("java.io.tmpdir"), "loopscope-bench-reports");
        this.agent = "-javaagent:" + agentJar + "=out=" + reports.getAbsolutePath();
    }

    static RunnerArgs parse(String[] args) {
        RunMode mode = RunMode.QUICK;
        Path out = Paths.get("benchmarks", "RESULTS.md");
        String agentJar = "agent/target/loopscope-agent.jar";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && !a.equals("--out")) {
                mode = RunMode.of(a.substring(2));
                if (mode == null) {
                    fail("unknown option '" + a + "': expected --smoke, --quick (the default), --full or --out FILE");
                }
            } else if (a.equals("--out")) {
                if (i + 1 == args.length) {
                    fail("--out needs a file name, e.g. --out benchmarks/RESULTS.md");
                }
                out = Paths.get(args[++i]);
            } else {
                agentJar = a;
            }
        }
        File jar = new File(agentJar);
        if (!jar.isFile()) {
            fail("no agent jar at " + jar.getAbsolutePath() + ": build it with mvn package, or pass its path");
        }
        try {
            Class.forName("dev.loopscope.agent.recorder.Recorder");
        } catch (ClassNotFoundException e) {
            fail("the agent's classes are not on the class path: run with -cp benchmarks/target/benchmarks.jar:" + agentJar
                    + " (benchmarks/run does)");
        }
        return new RunnerArgs(mode, out.toAbsolutePath(), jar.getAbsolutePath());
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
