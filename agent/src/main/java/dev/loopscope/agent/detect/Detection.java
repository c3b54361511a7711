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

    /** Only the findings that began at or after {@code fromNanoTime}, with their call sites counted again. */
    public Detection since(long fromNanoTime) {
        List<BlockingCall> keptCalls = new java.util.ArrayList<>();
        java.util.Map<String, Findings.Site> keptSites = new java.util.LinkedHashMap<>();
        for (BlockingCall c : calls) {
            if (c.startNanos >= fromNanoTime) {
                keptCalls.add(c);
                Findings.Site site = keptSites.computeIfAbsent(Findings.siteKey(c),
                        k -> new Findings.Site(c.kind, c.api.name, c.callSite));
                site.count(c.durationNanos());
            }
        }
        List<Stall> keptStalls = new java.util.ArrayList<>();
        for (Stall s : stalls) {
            if (s.startNanos >= fromNanoTime) {
                keptStalls.add(s);
            }
        }
        return new Detection(enabled, policy, loopGlobs, stallThresholdNanos, keptCalls, keptStalls,
                new java.util.ArrayList<>(keptSites.values()), allowEntries, List.of(), 0L);
    }

    /** Whether the run failed by the {@code blocking=fail} policy: any finding at all. */
    public boolean failed() {
        return policy.equals("fail") && (!calls.isEmpty() || !stalls.isEmpty());
    }
}
