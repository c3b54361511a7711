package dev.loopscope.benchmarks;

import java.io.File;

/**
 * The command line of the benchmark runners: {@code [--quick] [AGENT_JAR]}, the agent jar
 * defaulting to {@code agent/target/loopscope-agent.jar}. A missing jar ends the run with one line
 * saying how to get it, and exit code 2.
 */
final class RunnerArgs {

    final boolean quick;
    /** {@code -javaagent:JAR=out=DIR}, the reports going to a temporary directory; add options with ",key=value". */
    final String agent;

    private RunnerArgs(boolean quick, String agent) {
        this.quick = quick;
        this.agent = agent;
    }

    static RunnerArgs parse(String[] args) {
        boolean quick = false;
        String agentJar = "agent/target/loopscope-agent.jar";
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                agentJar = a;
            }
        }
        File jar = new File(agentJar);
        if (!jar.isFile()) {
            System.err.println("no agent jar at " + jar.getAbsolutePath() + ": build it with mvn package, or pass its path");
            System.exit(2);
        }
        File out = new File(System.getProperty("java.io.tmpdir"), "loopscope-bench-reports");
        return new RunnerArgs(quick, "-javaagent:" + jar.getAbsolutePath() + "=out=" + out.getAbsolutePath());
    }
}
