package dev.loopscope.samples.mistakes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import dev.loopscope.samples.mistakes.SleepOnTheLoop;
import org.junit.jupiter.api.Test;

@LoopscopeTest
public class SleepOnTheLoopExample {

    @Test
    void wrong(TestLoop loop) throws Exception {
        assertThat(loop.run(() -> SleepOnTheLoop.pollWrong(loop, 3))).isEqualTo(3);
    }

    @Test
    void right(TestLoop loop) throws Exception {
        assertThat(loop.run(() -> SleepOnTheLoop.pollRight(loop, 3))).isEqualTo(3);
    }
}
