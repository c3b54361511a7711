package dev.loopscope.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.examples.LoopExamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The harness in a JVM without the agent (a Surefire execution of its own): it says once how to
 * attach the agent, skips only the checks that need it, and still checks the rest.
 */
class WithoutAgentTest {

    @Test
    void saysOnceWhatIsOffAndStillChecksTheRest() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            HarnessTest.passed(HarnessTest.run(LoopExamples.BlockingOnTheLoop.class), 3);
            HarnessTest.passed(HarnessTest.run(LoopExamples.Passing.class), 2);
            assertThat(HarnessTest.failure(HarnessTest.run(LoopExamples.Leak.class))).contains("leaked");
            assertThat(HarnessTest.failure(HarnessTest.run(LoopExamples.Hang.class))).contains("test timed out after 500 ms");
            HarnessTest.passed(HarnessTest.run(LoopExamples.VirtualTime.class), 2);
        } finally {
            System.setErr(original);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertThat(err.lines().filter(l -> l.contains("the Loopscope agent is not attached"))).hasSize(1);
        assertThat(err).contains("blocking calls and stalls on loop threads are not checked", "-javaagent:");
    }
}
