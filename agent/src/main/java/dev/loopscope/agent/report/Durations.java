package dev.loopscope.agent.report;

/** Human-readable durations for the text summary. */
final class Durations {

    private Durations() {
    }

    static String format(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        if (nanos < 10_000) {
            return nanos + "ns";
        }
        if (nanos < 10_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1fus", nanos / 1e3);
        }
        if (nanos < 10_000_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.1fms", nanos / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.2fs", nanos / 1e9);
    }
}
