package dev.loopscope.samples.mistakes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * CPU-heavy work on the loop: key stretching (1.5 million rounds of SHA-256) takes hundreds of
 * milliseconds of pure computation. Nothing blocks, yet nothing else runs on the loop: a stall.
 */
public final class CpuOnTheLoop {

    static final int ROUNDS = 1_500_000;

    private CpuOnTheLoop() {
    }

    /** Wrong: stretches the key on the loop. */
    public static CompletableFuture<String> hashWrong(Executor loop, String password) {
        return CompletableFuture.supplyAsync(() -> stretch(password), loop);
    }

    /** Right: the computation runs on a pool for CPU work; the loop only gets the result. */
    public static CompletableFuture<String> hashRight(Executor loop, Executor cpu, String password) {
        return CompletableFuture.supplyAsync(() -> stretch(password), cpu).thenApplyAsync(hash -> hash, loop);
    }

    static String stretch(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = password.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < ROUNDS; i++) {
                hash = sha.digest(hash);
            }
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
