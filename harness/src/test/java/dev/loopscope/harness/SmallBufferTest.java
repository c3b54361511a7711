package dev.loopscope.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.examples.LoopExamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The harness with the agent's smallest buffer (a Surefire execution of its own, buffer=1m,
 * which holds the logs of about 200 threads).
 */
@TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class SmallBufferTest {

    /** Each test's loop thread gets a log; those of ended tests are freed, so every test is recorded. */
    @Test
    void a_recordsEveryTestOfALongSuite() {
        String err = stderrOf(() -> HarnessTest.passed(HarnessTest.run(LoopExamples.ManyLoops.class), 400));
        assertThat(err).doesNotContain("buffer is full");
    }

    /** A test that records more than the whole buffer: the harness says so once, with what to do. */
    @Test
    void b_saysOnceThatTheBufferIsFullAndHowToRaiseIt() {
        String err = stderrOf(() -> {
            HarnessTest.passed(HarnessTest.run(LoopExamples.Flood.class), 1);
            HarnessTest.passed(HarnessTest.run(LoopExamples.Flood.class), 1);
        });
        assertThat(err.lines().filter(l -> l.contains("the agent's buffer is full"))).singleElement().asString()
                .contains("timelines and HTML reports lack work", "buffer=512m");
    }

    private static String stderrOf(Runnable body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
