package dev.loopscope.samples.mistakes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import dev.loopscope.samples.mistakes.CpuOnTheLoop;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@LoopscopeTest
public class CpuOnTheLoopExample {

    @Test
    void wrong(TestLoop loop) throws Exception {
        assertThat(loop.run(() -> CpuOnTheLoop.hashWrong(loop, "correct horse"))).hasSize(64);
    }

    @Test
    void right(TestLoop loop) throws Exception {
        ExecutorService cpu = Executors.newFixedThreadPool(1);
        try {
            assertThat(loop.run(() -> CpuOnTheLoop.hashRight(loop, cpu, "correct horse"))).hasSize(64);
        } finally {
            cpu.shutdown();
        }
    }
}
