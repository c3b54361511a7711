package dev.loopscope.harness.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the configuration writes them ({@code 10s}, {@code 250ms}, {@code 2m}) and as messages show them. */
public final class Durations {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /** Parses {@code text}; null if it is not a duration such as 10s, 250ms, 2m or 1h. */
    static Duration parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            default:
                return Duration.ofHours(n);
        }
    }

    static String format(Duration d) {
        return format(d.toNanos());
    }

    static String format(long nanos) {
        if (nanos >= 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return String.format(Locale.ROOT, "%d ms", nanos / 1_000_000);
        }
        return String.format(Locale.ROOT, "%d µs", nanos / 1_000);
    }
}
