package dev.loopscope.agent.recorder;

import java.util.Arrays;

/**
 * Layout of a thread's stack of runs in progress, kept in a plain {@code long[]}: level {@code
 * i} holds the run's ref and a flags word. The array starts and ends with a cache line of
 * padding, as it is written on every run (see {@link LogPadding}).
 */
final class RunStack {

    static final long FLAG_STAGE = 1;
    private static final int PAD = 8;
    private static final int INITIAL_LEVELS = 8;

    private RunStack() {
    }

    static long[] create() {
        return new long[2 * PAD + 2 * INITIAL_LEVELS];
    }

    static int levels(long[] stack) {
        return (stack.length - 2 * PAD) / 2;
    }

    static long[] grow(long[] stack) {
        long[] bigger = new long[2 * PAD + 4 * levels(stack)];
        System.arraycopy(stack, PAD, bigger, PAD, 2 * levels(stack));
        return bigger;
    }

    static int refAt(int level) {
        return PAD + 2 * level;
    }

    static int flagsAt(int level) {
        return PAD + 2 * level + 1;
    }

    static Object[] growTaps(Object[] taps, int levels) {
        return taps == null ? new Object[levels] : Arrays.copyOf(taps, levels);
    }
}
