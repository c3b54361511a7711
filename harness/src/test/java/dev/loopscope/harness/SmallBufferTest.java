package dev.loopscope.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.examples.LoopExamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The harness with the agent's smallest buffer (a Surefire execution of its own, buffer=1m):
 * once the buffer is spent, it says so once, with what to do, and the tests still pass.
 */
class SmallBufferTest {

    @Test
    void saysOnceThatTheBufferIsFullAndHowToRaiseIt() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            HarnessTest.passed(HarnessTest.run(LoopExamples.ManyLoops.class), 400);
        } finally {
            System.setErr(original);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertThat(err.lines().filter(l -> l.contains("the agent's buffer is full"))).singleElement().asString()
                .contains("timelines and HTML reports are empty", "buffer=512m");
    }
}
