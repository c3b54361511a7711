package dev.loopscope.agent.detect;

import java.util.List;

/** What detection found, as the report writers read it: a snapshot taken at exit. */
public final class Detection {

    /** No detection ran (a report made from a JFR recording, or detection switched off). */
    public static final Detection NONE = new Detection(false, "off", List.of(), 0L, List.of(), List.of(), List.of(),
            List.of(), List.of(), 0L);

    public final boolean enabled;
    /** record, warn, fail or off. */
    public final String policy;
    public final List<String> loopGlobs;
    /** 0 when stall detection is off. */
    public final long stallThresholdNanos;
    public final List<BlockingCall> calls;
    public final List<Stall> stalls;
    public final List<Findings.Site> sites;
    public final List<String> allowEntries;
    public final List<String> unusedAllowEntries;
    public final long dropped;

    Detection(boolean enabled, String policy, List<String> loopGlobs, long stallThresholdNanos, List<BlockingCall> calls,
            List<Stall> stalls, List<Findings.Site> sites, List<String> allowEntries, List<String> unusedAllowEntries,
            long dropped) {
        this.enabled = enabled;
        this.policy = policy;
        this.loopGlobs = loopGlobs;
        this.stallThresholdNanos = stallThresholdNanos;
        this.calls = calls;
        this.stalls = stalls;
        this.sites = sites;
        this.allowEntries = allowEntries;
        this.unusedAllowEntries = unusedAllowEntries;
        this.dropped = dropped;
    }

    /** Whether the run failed by the {@code blocking=fail} policy: any finding at all. */
    public boolean failed() {
        return policy.equals("fail") && (!calls.isEmpty() || !stalls.isEmpty());
    }
}
