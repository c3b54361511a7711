package dev.loopscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way an options string can be wrong, each with the one message the user sees: it names
 * the bad input and says what is valid. {@link #everyOptionHasABadValueRow} keeps the table
 * complete when an option is added.
 */
class AgentOptionsBadInputTest {

    private static final String KEYS = "out, reports, buffer, include, exclude, timeline, jfr, verbose, loops, blocking,"
            + " stall, watchdog, commonPool, allow";
    private static final String SIZE = "expected a size such as 64m, 512k or 1g, from 1m to 32g";
    private static final String BOOL = "expected true or false (or on, off)";
    private static final String STALL = "expected a duration such as 100ms or 2s, from 1ms to 1h, or off";
    private static final String WATCHDOG = "expected a duration such as 10ms, from 1ms to 1s";
    private static final String ALLOW = " is not a method such as com.acme.Cache.load, a package or class followed by .*"
            + " such as com.acme.legacy.*, or an API such as api:Thread.sleep; separate entries with |";
    private static final String OUT = "expected a directory, such as out=build/loopscope";

    /** One bad value (at least) of each option. */
    static Stream<Arguments> badValues() {
        return Stream.of(
            row("out=", "bad value '' for option out: " + OUT),
            row("out=a\u0000b", "bad value 'a\\u0000b' for option out: not a path on this system (Nul character not allowed); " + OUT),
            row("reports=yes", "bad value 'yes' for option reports: " + BOOL),
            row("reports=", "bad value '' for option reports: " + BOOL),
            row("buffer=lots", "bad value 'lots' for option buffer: " + SIZE),
            row("buffer=10k", "bad value '10k' for option buffer: " + SIZE),
            row("buffer=33g", "bad value '33g' for option buffer: " + SIZE),
            row("buffer=999999999999999g", "bad value '999999999999999g' for option buffer: " + SIZE),
            row("buffer=17179869184k", "bad value '17179869184k' for option buffer: " + SIZE),
            row("buffer=-1m", "bad value '-1m' for option buffer: " + SIZE),
            row("buffer=64 m", "bad value '64 m' for option buffer: " + SIZE),
            row("buffer=1.5g", "bad value '1.5g' for option buffer: " + SIZE),
            row("buffer=", "bad value '' for option buffer: " + SIZE),
            row("include=a||b", "bad value 'a||b' for option include: an empty glob; expected names or globs separated by single |, e.g. include=pool-*|worker-?"),
            row("include=|", "bad value '|' for option include: an empty glob; expected names or globs separated by single |, e.g. include=pool-*|worker-?"),
            row("exclude=main|", "bad value 'main|' for option exclude: an empty glob; expected names or globs separated by single |, e.g. exclude=pool-*|worker-?"),
            row("timeline=2", "bad value '2' for option timeline: " + BOOL),
            row("jfr=maybe", "bad value 'maybe' for option jfr: " + BOOL),
            row("verbose=yes", "bad value 'yes' for option verbose: " + BOOL),
            row("loops=a|| b", "bad value 'a|| b' for option loops: an empty glob; expected names or globs separated by single |, e.g. loops=pool-*|worker-?"),
            row("blocking=loud", "bad value 'loud' for option blocking: expected one of record, warn, fail, off"),
            row("blocking=", "bad value '' for option blocking: expected one of record, warn, fail, off"),
            row("blocking=warn=1", "bad value 'warn=1' for option blocking: expected one of record, warn, fail, off"),
            row("stall=100", "bad value '100' for option stall: " + STALL),
            row("stall=2h", "bad value '2h' for option stall: " + STALL),
            row("stall=3601s", "bad value '3601s' for option stall: " + STALL),
            row("stall=0ms", "bad value '0ms' for option stall: " + STALL),
            row("stall=-5ms", "bad value '-5ms' for option stall: " + STALL),
            row("stall=1.5s", "bad value '1.5s' for option stall: " + STALL),
            row("stall=9999999999s", "bad value '9999999999s' for option stall: " + STALL),
            row("watchdog=0ms", "bad value '0ms' for option watchdog: " + WATCHDOG),
            row("watchdog=2s", "bad value '2s' for option watchdog: " + WATCHDOG),
            row("watchdog=off", "bad value 'off' for option watchdog: " + WATCHDOG),
            row("commonPool=yes", "bad value 'yes' for option commonPool: expected one of report, loop, off"),
            row("allow=sleep", "bad value 'sleep' for option allow: entry 'sleep'" + ALLOW),
            row("allow=com.acme.Cache.load|", "bad value 'com.acme.Cache.load|' for option allow: entry ''" + ALLOW),
            row("allow=com.acme..load", "bad value 'com.acme..load' for option allow: entry 'com.acme..load'" + ALLOW),
            row("allow=api:", "bad value 'api:' for option allow: entry 'api:'" + ALLOW));
    }

    /** Mistakes in the list itself: keys, commas, duplicates, odd characters. */
    static Stream<Arguments> badForms() {
        return Stream.of(
            row("bogus=1", "unknown option 'bogus'; valid options are " + KEYS),
            row("outt=x", "unknown option 'outt' (did you mean out?); valid options are " + KEYS),
            row("OUT=x", "unknown option 'OUT' (did you mean out?); valid options are " + KEYS),
            row("commonpool=loop", "unknown option 'commonpool' (did you mean commonPool?); valid options are " + KEYS),
            row("stal=1s", "unknown option 'stal' (did you mean stall?); valid options are " + KEYS),
            row("buffer.size=1m", "unknown option 'buffer.size'; valid options are " + KEYS),
            row("=x", "option '=x' has no name: write KEY=VALUE; valid options are " + KEYS),
            row("out=x,=", "option '=' has no name: write KEY=VALUE; valid options are " + KEYS),
            row(",,", "empty option (at the start) in ',,': options are key=value pairs separated by single commas, e.g. out=build/loopscope,buffer=128m"),
            row("out=x,,jfr=false", "empty option (after 'out=x') in 'out=x,,jfr=false': options are key=value pairs separated by single commas, e.g. out=build/loopscope,buffer=128m"),
            row("out=x,", "empty option (at the end) in 'out=x,': options are key=value pairs separated by single commas, e.g. out=build/loopscope,buffer=128m"),
            row(",out=x", "empty option (at the start) in ',out=x': options are key=value pairs separated by single commas, e.g. out=build/loopscope,buffer=128m"),
            row("out=x, ,jfr=false", "empty option (after 'out=x') in 'out=x, ,jfr=false': options are key=value pairs separated by single commas, e.g. out=build/loopscope,buffer=128m"),
            row("verbose", "option 'verbose' has no value: write verbose=VALUE (print which hooks were installed at start-up; default false)"),
            row("jfr=true,jfr=false", "option 'jfr' is given twice; give it once"),
            row("jfr=true, jfr =true", "option 'jfr' is given twice; give it once"),
            row("jfr=true,JFR=false", "unknown option 'JFR' (did you mean jfr?); valid options are " + KEYS),
            row("blocking=warn\nfail", "bad value 'warn\\u000afail' for option blocking: expected one of record, warn, fail, off"),
            row("o\nut=x", "unknown option 'o\\u000aut' (did you mean out?); valid options are " + KEYS),
            row("blocking=wärn", "bad value 'wärn' for option blocking: expected one of record, warn, fail, off"),
            row("stall=1\u2028s", "bad value '1\\u2028s' for option stall: " + STALL));
    }

    private static Arguments row(String options, String message) {
        return Arguments.of(options, message);
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badValueIsNamedWithWhatIsValid(String options, String message) {
        assertThatThrownBy(() -> AgentOptions.parse(options)).isInstanceOf(OptionsException.class).hasMessage(message);
    }

    @ParameterizedTest
    @MethodSource("badForms")
    void badFormIsNamedWithWhatIsValid(String options, String message) {
        assertThatThrownBy(() -> AgentOptions.parse(options)).isInstanceOf(OptionsException.class).hasMessage(message);
    }

    /** A message is one stderr line: no value can break it, whatever characters it holds. */
    @ParameterizedTest
    @MethodSource({"badValues", "badForms"})
    void messageIsOneLine(String options, String message) {
        assertThat(message).doesNotContain("\n", "\r", "\u2028", "\u0000");
    }

    @Test
    void everyOptionHasABadValueRow() {
        Set<AgentOptions.Option> covered = EnumSet.noneOf(AgentOptions.Option.class);
        badValues().forEach(a -> {
            String key = ((String) a.get()[0]).split("=", 2)[0];
            Arrays.stream(AgentOptions.Option.values()).filter(o -> o.key.equals(key)).forEach(covered::add);
        });
        assertThat(covered).containsExactlyInAnyOrder(AgentOptions.Option.values());
    }

    @Test
    void oddButValidFormsAreRead() throws Exception {
        AgentOptions o = AgentOptions.parse(" out = a=b , blocking = WARN ,stall=2S,jfr=OFF,commonPool=LOOP,buffer=1G,"
                + "include= pool-* | io ");
        assertThat(o.out()).isEqualTo(Paths.get("a=b"));
        assertThat(o.blocking()).isEqualTo(AgentOptions.BlockingPolicy.WARN);
        assertThat(o.stallNanos()).isEqualTo(2_000_000_000L);
        assertThat(o.jfr()).isFalse();
        assertThat(o.commonPool()).isEqualTo(AgentOptions.CommonPoolMode.LOOP);
        assertThat(o.bufferBytes()).isEqualTo(1L << 30);
        assertThat(o.include()).containsExactly("pool-*", "io");
        assertThat(AgentOptions.parse("buffer=32g").bufferBytes()).isEqualTo(32L << 30);
        assertThat(AgentOptions.parse("buffer=33554432k").bufferBytes()).isEqualTo(32L << 30);
        assertThat(AgentOptions.parse("stall=3600s").stallNanos()).isEqualTo(3_600_000_000_000L);
        assertThat(AgentOptions.parse("include=,exclude=,loops=,allow=").include()).isEmpty();
    }
}
