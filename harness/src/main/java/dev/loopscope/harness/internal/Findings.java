package dev.loopscope.harness.internal;

import java.util.List;
import java.util.Map;

/** The agent's findings (maps with the summary JSON's keys) as a failure message shows them. */
final class Findings {

    private static final int FRAMES = 12;

    private Findings() {
    }

    @SuppressWarnings("unchecked")
    static String describe(Map<String, Object> f) {
        StringBuilder b = new StringBuilder();
        long duration = (Long) f.get("durationNanos");
        boolean ended = duration >= 0; // -1: still going on when the test ended
        if ("stall".equals(f.get("type"))) {
            b.append("stall on loop thread '").append(f.get("thread")).append("': a task ")
                    .append(ended ? "held it for " + Durations.format(duration) : "was still holding it");
            List<Map<String, Object>> samples = (List<Map<String, Object>>) f.get("samples");
            if (!samples.isEmpty()) {
                Map<String, Object> first = samples.get(0);
                b.append(", sampled ").append(first.get("state")).append(':');
                frames(b, (List<String>) first.get("stack"));
            }
            return b.toString();
        }
        String callSite = (String) f.get("callSite");
        String entry = (String) f.get("entry");
        b.append("blocking call ").append(f.get("api"));
        if (entry != null && !entry.isEmpty() && !entry.endsWith((String) f.get("api"))) {
            b.append(" (in ").append(entry).append(')');
        }
        Object kind = f.get("kind");
        b.append(" on ").append("pinned".equals(kind) ? "pinned virtual thread" : "commonPool".equals(kind) ? "common-pool thread" : "loop thread")
                .append(" '").append(f.get("thread")).append("' at ").append(callSite.isEmpty() ? "JDK code" : callSite)
                .append(ended ? ", blocked " + Durations.format(duration) : ", still blocked");
        String detail = (String) f.get("detail");
        if (detail != null && !detail.isEmpty()) {
            b.append("; ").append(detail);
        }
        frames(b, (List<String>) f.get("stack"));
        return b.toString();
    }

    private static void frames(StringBuilder b, List<String> stack) {
        for (int i = 0; i < Math.min(FRAMES, stack.size()); i++) {
            b.append("\n    at ").append(stack.get(i));
        }
        if (stack.size() > FRAMES) {
            b.append("\n    ... ").append(stack.size() - FRAMES).append(" more");
        }
    }
}
