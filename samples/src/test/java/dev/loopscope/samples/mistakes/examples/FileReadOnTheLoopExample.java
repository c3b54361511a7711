package dev.loopscope.samples.mistakes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.api.Loopscope;
import dev.loopscope.harness.LoopscopeTest;
import dev.loopscope.harness.TestLoop;
import dev.loopscope.samples.mistakes.FileReadOnTheLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@LoopscopeTest
public class FileReadOnTheLoopExample {

    @TempDir
    Path dir;

    @Test
    void wrong(TestLoop loop) throws Exception {
        Path file = Files.writeString(dir.resolve("settings.conf"), "a=1\nb=2\nc=3\n");
        assertThat(loop.run(() -> FileReadOnTheLoop.countLinesWrong(loop, file))).isEqualTo(3);
    }

    @Test
    void right(TestLoop loop) throws Exception {
        Path file = Files.writeString(dir.resolve("settings.conf"), "a=1\nb=2\nc=3\n");
        ExecutorService io = Loopscope.name(Executors.newSingleThreadExecutor(), "io");
        try {
            assertThat(loop.run(() -> FileReadOnTheLoop.countLinesRight(loop, io, file))).isEqualTo(3);
        } finally {
            io.shutdown();
        }
    }
}
