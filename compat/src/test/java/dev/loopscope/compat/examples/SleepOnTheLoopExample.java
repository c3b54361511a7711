package dev.loopscope.compat.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.compat.Mistakes;
import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import org.junit.jupiter.api.Test;

/** Fails on purpose (the harness's default policy, FAIL); HarnessStillFailsTest runs it. */
@LoopscopeTest
public class SleepOnTheLoopExample {

    @Test
    void sleeps(TestLoop loop) throws Exception {
        assertThat(loop.run(() -> Mistakes.sleepOnTheLoop(loop))).isEqualTo("polled");
    }
}
