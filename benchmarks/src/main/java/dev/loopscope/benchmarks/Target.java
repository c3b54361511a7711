package dev.loopscope.benchmarks;

import java.util.Locale;

/**
 * Whether a measured figure meets a promised target, said honestly: met only when the whole
 * error interval is on the right side, missed when all of it is on the wrong side, and otherwise
 * that the measurement cannot tell.
 */
final class Target {

    private Target() {
    }

    /** A ratio to no agent that must be at least {@code floor} (e.g. 0.95: at most 5% off). */
    static String ratioAtLeast(Score.Ratio r, double floor) {
        if (r.low() >= floor) {
            return "met";
        }
        if (r.high() < floor) {
            return String.format(Locale.ROOT, "**missed**: %.0f%% off, target at most %.0f%%", (1 - r.value) * 100, (1 - floor) * 100);
        }
        return String.format(Locale.ROOT, "not shown: %.0f%% off, but the error spans the %.0f%% target", (1 - r.value) * 100,
                (1 - floor) * 100);
    }

    /** A cost that must be no larger than {@code limit} (both with their errors, same unit). */
    static String atMost(Score cost, Score limit) {
        if (cost.mean + cost.error <= limit.mean - limit.error) {
            return "met (lower)";
        }
        if (cost.mean - cost.error > limit.mean + limit.error) {
            return "**missed**: " + String.format(Locale.ROOT, "%.1f against %.1f", cost.mean, limit.mean);
        }
        return "met (the same within the error)";
    }

    /** A plain measured value against a limit (single measurements: wall time, heap, load time). */
    static String atMost(double value, double limit, String unit) {
        return value <= limit ? "met" : String.format(Locale.ROOT, "**missed**: %.1f %s against at most %.1f %s", value, unit, limit, unit);
    }

    /** A ratio that should show no measurable cost: its error interval includes 1. */
    static String noMeasurableCost(Score.Ratio r) {
        if (r.high() >= 1.0 && r.low() <= 1.0 || r.low() > 1.0) {
            return "met (no difference beyond the error)";
        }
        return String.format(Locale.ROOT, "**missed**: %.0f%% off", (1 - r.value) * 100);
    }
}
