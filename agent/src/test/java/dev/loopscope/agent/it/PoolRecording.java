package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.workloads.JfrPoolWorkload;
import java.nio.file.Path;

/**
 * One whole JFR recording of {@link JfrPoolWorkload} under the agent, made once per test JVM and
 * shared by the CLI tests that only read it (each cuts, copies or reports it into its own
 * directory): recording it is a JVM run of its own, about 3 s.
 */
final class PoolRecording {

    private static Path whole;

    private PoolRecording() {
    }

    static synchronized Path whole() throws Exception {
        if (whole == null) {
            Path dir = AgentJvm.workDir("pool-recording");
            Path file = dir.resolve("whole.jfr");
            AgentJvm.Result r = AgentJvm.of(JfrPoolWorkload.class)
                    .jvmArg("-XX:StartFlightRecording:filename=" + file).run("pool-recording/agent");
            assertThat(r.exitCode).as(r.toString()).isZero();
            whole = file;
        }
        return whole;
    }
}
