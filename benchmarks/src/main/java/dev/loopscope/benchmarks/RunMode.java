package dev.loopscope.benchmarks;

import java.util.Locale;

/**
 * How long and how often each measurement runs. Quick fits the whole of {@link Results} in about
 * eight minutes on 2 cores (ten are promised); smoke only proves every benchmark still runs (its
 * figures mean nothing); full is for figures to publish with tighter errors.
 */
enum RunMode {
    SMOKE(0, 0, 1, 100, 1, 10_000, 1),
    // Six short iterations rather than three long ones: a 99.9% interval over three is 31.6
    // standard errors wide (Student's t, 2 degrees of freedom), over six 6.9. Short ones, because
    // some 90 forks must fit in ten minutes: each fork also pays about 2.5 s to start and stop.
    QUICK(2, 300, 6, 400, 1, 1_000_000, 3),
    FULL(3, 2000, 5, 2000, 3, 1_000_000, 5);

    final int warmups;
    final int warmupMillis;
    final int iterations;
    final int iterationMillis;
    /** Forks per configuration, run in turn (A B C A B C), so that a drift of the machine hits all alike. */
    final int rounds;
    /** The larger recording the reports are written from (the smaller is a tenth of it). */
    final int reportTasks;
    /** Page loads in Chromium. */
    final int loads;

    RunMode(int warmups, int warmupMillis, int iterations, int iterationMillis, int rounds, int reportTasks, int loads) {
        this.warmups = warmups;
        this.warmupMillis = warmupMillis;
        this.iterations = iterations;
        this.iterationMillis = iterationMillis;
        this.rounds = rounds;
        this.reportTasks = reportTasks;
        this.loads = loads;
    }

    /** The mode named on the command line, or null. */
    static RunMode of(String name) {
        for (RunMode m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(name)) {
                return m;
            }
        }
        return null;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT) + String.format(Locale.ROOT, " (%d × %d ms warm-up, %d × %d ms measured, %d fork%s per configuration)",
                warmups, warmupMillis, iterations, iterationMillis, rounds, rounds == 1 ? "" : "s");
    }
}
