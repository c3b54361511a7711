package dev.loopscope.agent.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings as maps of JDK types, for the harness: it runs in the application's class loader and
 * must not depend on the agent's classes, only on the bootstrap bridge. Times are {@code
 * System.nanoTime()} values; keys are those of the summary JSON's findings.
 */
public final class FindingMaps {

    private FindingMaps() {
    }

    public static List<Map<String, Object>> of(List<Object> findings) {
        List<Map<String, Object>> out = new ArrayList<>(findings.size());
        for (Object f : findings) {
            out.add(f instanceof Stall ? stall((Stall) f) : call((BlockingCall) f));
        }
        return out;
    }

    private static Map<String, Object> call(BlockingCall c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "blockingCall");
        m.put("kind", c.kind);
        m.put("api", c.api.name);
        m.put("category", c.api.category);
        m.put("entry", c.entry);
        m.put("callSite", c.callSite);
        m.put("thread", c.threadName);
        m.put("threadId", c.threadId);
        m.put("startNanoTime", c.startNanos);
        m.put("durationNanos", c.durationNanos());
        m.put("detail", c.detail);
        m.put("stack", c.stack);
        m.put("origin", c.origin);
        return m;
    }

    private static Map<String, Object> stall(Stall s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "stall");
        m.put("kind", "loop");
        m.put("thread", s.threadName);
        m.put("threadId", s.threadId);
        m.put("startNanoTime", s.startNanos);
        long end = s.endNanos();
        m.put("durationNanos", end >= 0 ? end - s.startNanos : -1L);
        m.put("thresholdNanos", s.thresholdNanos);
        List<Map<String, Object>> samples = new ArrayList<>();
        for (Stall.Sample sample : s.samples()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("atNanoTime", sample.atNanos);
            sm.put("state", sample.state);
            sm.put("stack", sample.stack);
            samples.add(sm);
        }
        m.put("samples", samples);
        m.put("origin", s.origin);
        return m;
    }
}
