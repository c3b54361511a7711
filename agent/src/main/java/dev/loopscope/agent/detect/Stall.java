package dev.loopscope.agent.detect;

import java.util.ArrayList;
import java.util.List;

/** One finding: a task that held a loop thread longer than the stall threshold. */
public final class Stall {

    /** A stack sampled while the stall went on. */
    public static final class Sample {
        public final long atNanos;
        public final String state;
        public final List<String> stack;

        Sample(long atNanos, String state, List<String> stack) {
            this.atNanos = atNanos;
            this.state = state;
            this.stack = stack;
        }
    }

    static final int MAX_SAMPLES = 20;

    public final String threadName;
    public final long threadId;
    public final long runRef;
    public final long startNanos;
    public final long thresholdNanos;
    final int seq;
    /** Whose work the thread was doing; see {@link BlockingCall#origin}. */
    Object origin;
    private final List<Sample> samples = new ArrayList<>();
    private volatile long endNanos = -1;
    private volatile long cpuNanos = -1;
    private volatile long observedNanos;
    long firstCpu = -1;
    long firstSeen;
    long lastSampleAt;

    Stall(String threadName, long threadId, long runRef, long startNanos, long thresholdNanos, int seq) {
        this.threadName = threadName;
        this.threadId = threadId;
        this.runRef = runRef;
        this.startNanos = startNanos;
        this.thresholdNanos = thresholdNanos;
        this.seq = seq;
    }

    /** A stall the thread reported itself at its end, the watchdog not having looked in time: no samples. */
    static Stall unsampled(Thread t, long runRef, long start, long end, long thresholdNanos) {
        Stall s = new Stall(t.getName(), t.getId(), runRef, start, thresholdNanos, -1);
        s.finish(end);
        return s;
    }

    synchronized void add(Sample s) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(s);
        }
    }

    synchronized int sampleCount() {
        return samples.size();
    }

    /** The samples so far, oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** CPU time the thread used over the observed part of the stall, and how long that part was. */
    void cpu(long cpu, long observed) {
        cpuNanos = cpu;
        observedNanos = observed;
    }

    void finish(long end) {
        endNanos = Math.max(end, startNanos);
    }

    /** The end of the stalled run, or -1 while it still runs. */
    public long endNanos() {
        return endNanos;
    }

    /** CPU time used while the watchdog watched the stall; -1 when the JVM cannot tell. */
    public long cpuNanos() {
        return cpuNanos;
    }

    /** How long the watchdog watched the stall: the wall time {@link #cpuNanos()} is measured against. */
    public long observedNanos() {
        return observedNanos;
    }
}
