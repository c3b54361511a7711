package dev.loopscope.benchmarks;

import java.util.Locale;

/** One line on stderr per step of a long run: which step, of how many, and the time so far. */
final class Progress {

    private final long startNanos = System.nanoTime();
    private final int steps;
    private int step;

    Progress(int steps) {
        this.steps = steps;
    }

    void step(String what) {
        step++;
        System.err.printf(Locale.ROOT, "[%d/%d, %s] %s%n", step, steps, elapsed(), what);
    }

    String elapsed() {
        long s = (System.nanoTime() - startNanos) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
