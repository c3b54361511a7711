package dev.loopscope.agent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's options, parsed in this one place from {@code -javaagent:loopscope-agent.jar=OPTIONS}
 * (or the {@code attach} command): {@code key=value} pairs separated by commas, lists inside a
 * value separated by {@code |}. Every option, its default and its meaning is listed in {@link
 * Option}; the README's table is written from the same list.
 */
public final class AgentOptions {

    /** Every option the agent knows. */
    public enum Option {
        OUT("out", "./loopscope", "directory the reports are written to at exit"),
        REPORTS("reports", "true", "write the reports at exit; false when only the JFR events or the harness's per-test reports are read"),
        BUFFER("buffer", "64m", "memory for recorded events (k, m or g suffix, 1m to 32g); what does not fit is dropped and counted"),
        INCLUDE("include", "", "only tasks whose executor or thread name matches one of these globs, separated by |"),
        EXCLUDE("exclude", "", "leave out tasks whose executor or thread name matches one of these globs, separated by |"),
        TIMELINE("timeline", "true", "record task timelines; false keeps only blocking-call and stall detection (no task events, the reports hold findings)"),
        JFR("jfr", "true", "also emit loopscope.* JFR events (they cost nothing unless a recording is running)"),
        VERBOSE("verbose", "false", "print which hooks were installed at start-up"),
        LOOPS("loops", "", "more loop (non-blocking) threads: thread-name globs separated by |, added to the built-in Netty, Vert.x, Reactor and harness ones"),
        BLOCKING("blocking", "record", "what a blocking call on a loop thread does: record (in the reports), warn (also one stderr line per new call site), fail (warn, and the run's verdict is failed), off"),
        STALL("stall", "100ms", "a task running longer than this on a loop thread is a stall (ms or s suffix, 1ms to 1h), or off"),
        WATCHDOG("watchdog", "10ms", "how often the watchdog checks loop threads for stalls and contended monitors (1ms to 1s)"),
        COMMON_POOL("commonPool", "report", "blocking in the ForkJoinPool common pool: report (a finding class of its own), loop (treat its threads as loop threads), off"),
        ALLOW("allow", "", "blocking calls not to report, separated by |: a method in the stack (com.acme.Cache.load, com.acme.legacy.*) or an API (api:Thread.sleep)");

        public final String key;
        public final String defaultValue;
        public final String description;

        Option(String key, String defaultValue, String description) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.description = description;
        }
    }

    private static final long MIN_BUFFER = 1L << 20;
    // A ref holds a log's position in 32 bits of words: no log may pass 32 GiB.
    private static final long MAX_BUFFER = 32L << 30;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,10})(ms|s)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALLOW_ENTRY = Pattern.compile(
            "api:[\\w.]+|[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$<][\\p{L}\\p{N}_$<>]*)*(\\.\\*)?");
    private static final String ALLOW_EXPECTED = "a method such as com.acme.Cache.load, a package or class followed by .*"
            + " such as com.acme.legacy.*, or an API such as api:Thread.sleep";
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmg]?)b?", Pattern.CASE_INSENSITIVE);

    private final Path out;
    private final long bufferBytes;
    private final List<String> include;
    private final List<String> exclude;
    private final boolean reports;
    private final boolean timeline;
    private final boolean jfr;
    private final boolean verbose;
    private final List<String> loops;
    private final BlockingPolicy blocking;
    private final long stallNanos;
    private final long watchdogNanos;
    private final CommonPoolMode commonPool;
    private final List<String> allow;

    /** What a blocking call on a loop thread does. */
    public enum BlockingPolicy { RECORD, WARN, FAIL, OFF }

    /** How the ForkJoinPool common pool is treated. */
    public enum CommonPoolMode { REPORT, LOOP, OFF }

    private AgentOptions(Map<Option, String> values) throws OptionsException {
        this.out = path(Option.OUT, values.get(Option.OUT));
        this.bufferBytes = size(values.get(Option.BUFFER));
        this.include = globs(Option.INCLUDE, values.get(Option.INCLUDE));
        this.exclude = globs(Option.EXCLUDE, values.get(Option.EXCLUDE));
        this.reports = bool(Option.REPORTS, values.get(Option.REPORTS));
        this.timeline = bool(Option.TIMELINE, values.get(Option.TIMELINE));
        this.jfr = bool(Option.JFR, values.get(Option.JFR));
        this.verbose = bool(Option.VERBOSE, values.get(Option.VERBOSE));
        this.loops = globs(Option.LOOPS, values.get(Option.LOOPS));
        this.blocking = choice(Option.BLOCKING, values.get(Option.BLOCKING), BlockingPolicy.class);
        String stall = values.get(Option.STALL);
        this.stallNanos = stall.equalsIgnoreCase("off") ? 0L
                : duration(Option.STALL, stall, 1_000_000L, 3_600_000_000_000L, "such as 100ms or 2s, from 1ms to 1h, or off");
        this.watchdogNanos = duration(Option.WATCHDOG, values.get(Option.WATCHDOG), 1_000_000L, 1_000_000_000L,
                "such as 10ms, from 1ms to 1s");
        this.commonPool = choice(Option.COMMON_POOL, values.get(Option.COMMON_POOL), CommonPoolMode.class);
        this.allow = allowEntries(values.get(Option.ALLOW));
    }

    /** Parses an options string; {@code null} or blank means all defaults. */
    public static AgentOptions parse(String text) throws OptionsException {
        Map<Option, String> values = new LinkedHashMap<>();
        for (Option o : Option.values()) {
            values.put(o, o.defaultValue);
        }
        if (text != null && !text.isBlank()) {
            Set<Option> seen = new HashSet<>();
            String[] pairs = text.split(",", -1);
            for (int i = 0; i < pairs.length; i++) {
                String pair = pairs[i];
                if (pair.isBlank()) {
                    throw new OptionsException("empty option (" + where(pairs, i) + ") in " + quoted(text)
                            + ": options are key=value pairs separated by single commas, e.g. out=build/loopscope,buffer=128m");
                }
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
                if (key.isEmpty()) {
                    throw new OptionsException("option " + quoted(pair.trim()) + " has no name: write KEY=VALUE; valid options are "
                            + keys());
                }
                Option option = find(key);
                if (eq < 0) {
                    throw new OptionsException("option '" + key + "' has no value: write " + key + "=VALUE ("
                            + option.description + "; default " + shown(option.defaultValue) + ")");
                }
                if (!seen.add(option)) {
                    throw new OptionsException("option '" + key + "' is given twice; give it once");
                }
                values.put(option, pair.substring(eq + 1).trim());
            }
        }
        return new AgentOptions(values);
    }

    /** Where the empty part is, in words. */
    private static String where(String[] pairs, int i) {
        if (i == 0) {
            return "at the start";
        }
        return i == pairs.length - 1 ? "at the end" : "after " + quoted(pairs[i - 1].trim());
    }

    private static Option find(String key) throws OptionsException {
        for (Option o : Option.values()) {
            if (o.key.equals(key)) {
                return o;
            }
        }
        Option near = nearest(key);
        throw new OptionsException("unknown option " + quoted(key) + (near == null ? "" : " (did you mean " + near.key + "?)")
                + "; valid options are " + keys());
    }

    /** The option whose key is the same but for case, or at most two edits away: most likely what was meant. */
    private static Option nearest(String key) {
        Option best = null;
        int bestDistance = 3;
        for (Option o : Option.values()) {
            int d = o.key.equalsIgnoreCase(key) ? 0 : EditDistance.of(o.key.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = o;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String keys() {
        List<String> keys = new ArrayList<>();
        for (Option o : Option.values()) {
            keys.add(o.key);
        }
        return String.join(", ", keys);
    }

    /**
     * A value as the messages show it: in quotes, with control characters escaped so that the
     * message stays one line however the value was written.
     */
    static String quoted(String value) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    private static OptionsException bad(Option option, String value, String expected) {
        return new OptionsException("bad value " + quoted(value) + " for option " + option.key + ": " + expected);
    }

    private static Path path(Option option, String value) throws OptionsException {
        if (value.isEmpty()) {
            throw bad(option, value, "expected a directory, such as out=build/loopscope");
        }
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw bad(option, value, "not a path on this system (" + e.getReason() + "); expected a directory, such as out=build/loopscope");
        }
    }

    private static long size(String value) throws OptionsException {
        Matcher m = SIZE.matcher(value);
        String expected = "expected a size such as 64m, 512k or 1g, from 1m to 32g";
        if (!m.matches()) {
            throw bad(Option.BUFFER, value, expected);
        }
        long n = Long.parseLong(m.group(1));
        int shift;
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k":
                shift = 10;
                break;
            case "m":
                shift = 20;
                break;
            case "g":
                shift = 30;
                break;
            default:
                shift = 0;
                break;
        }
        // Compared before shifting: a shift of 15 digits overflows and could wrap into the range.
        if (n > MAX_BUFFER >> shift || n << shift < MIN_BUFFER) {
            throw bad(Option.BUFFER, value, expected);
        }
        return n << shift;
    }

    private static boolean bool(Option option, String value) throws OptionsException {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("on")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equalsIgnoreCase("off")) {
            return false;
        }
        throw bad(option, value, "expected true or false (or on, off)");
    }

    private static List<String> globs(Option option, String value) throws OptionsException {
        List<String> out = new ArrayList<>();
        if (value.isEmpty()) {
            return out;
        }
        for (String glob : value.split("\\|", -1)) {
            if (glob.isBlank()) {
                throw bad(option, value, "an empty glob; expected names or globs separated by single |, e.g. "
                        + option.key + "=pool-*|worker-?");
            }
            out.add(glob.trim());
        }
        return out;
    }

    private static <E extends Enum<E>> E choice(Option option, String value, Class<E> type) throws OptionsException {
        List<String> valid = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
            valid.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw bad(option, value, "expected one of " + String.join(", ", valid));
    }


    private static long duration(Option option, String value, long min, long max, String expected)
            throws OptionsException {
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1)) * (m.group(2).equalsIgnoreCase("s") ? 1_000_000_000L : 1_000_000L);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw bad(option, value, "expected a duration " + expected);
    }

    private static List<String> allowEntries(String value) throws OptionsException {
        List<String> out = new ArrayList<>();
        if (value.isEmpty()) {
            return out;
        }
        for (String entry : value.split("\\|", -1)) {
            String e = entry.trim();
            if (allowEntryError(e) != null) {
                throw bad(Option.ALLOW, value, "entry " + quoted(e) + " is not " + ALLOW_EXPECTED + "; separate entries with |");
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Why {@code entry} is not a valid allow entry, or null if it is: the one check behind both
     * the {@code allow=} option and {@code Loopscope.allowBlocking}.
     */
    public static String allowEntryError(String entry) {
        if (ALLOW_ENTRY.matcher(entry).matches() && (entry.startsWith("api:") || entry.contains("."))) {
            return null;
        }
        return "bad allow entry " + quoted(entry) + ": expected " + ALLOW_EXPECTED;
    }

    private static String shown(String value) {
        return value.isEmpty() ? "none" : value;
    }

    public Path out() {
        return out;
    }

    public long bufferBytes() {
        return bufferBytes;
    }

    public List<String> include() {
        return include;
    }

    public List<String> exclude() {
        return exclude;
    }

    /** False when no report is written at exit. */
    public boolean reports() {
        return reports;
    }

    /** False when only detection runs: no task is recorded. */
    public boolean timeline() {
        return timeline;
    }

    public boolean jfr() {
        return jfr;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Thread-name globs of loop threads given by the user (the built-in ones are not listed here). */
    public List<String> loops() {
        return loops;
    }

    public BlockingPolicy blocking() {
        return blocking;
    }

    /** The stall threshold; 0 when stall detection is off. */
    public long stallNanos() {
        return stallNanos;
    }

    public long watchdogNanos() {
        return watchdogNanos;
    }

    public CommonPoolMode commonPool() {
        return commonPool;
    }

    public List<String> allow() {
        return allow;
    }
}
