package dev.loopscope.samples.mistakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A blocking file read inside async code. {@code Files.readString} looks harmless, but on a slow
 * or network disk it holds the loop for as long as the disk takes.
 */
public final class FileReadOnTheLoop {

    private FileReadOnTheLoop() {
    }

    /** Wrong: reads the file on the loop. */
    public static CompletableFuture<Integer> countLinesWrong(Executor loop, Path file) {
        return CompletableFuture.supplyAsync(() -> read(file), loop).thenApply(text -> text.split("\n").length);
    }

    /** Right: reads it on an I/O pool, and only the result comes back to the loop. */
    public static CompletableFuture<Integer> countLinesRight(Executor loop, Executor io, Path file) {
        return CompletableFuture.supplyAsync(() -> read(file), io).thenApplyAsync(text -> text.split("\n").length, loop);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
