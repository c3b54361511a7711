package dev.loopscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void defaults() throws Exception {
        AgentOptions o = AgentOptions.parse(null);
        assertThat(o.out()).isEqualTo(Paths.get("./loopscope"));
        assertThat(o.bufferBytes()).isEqualTo(64L << 20);
        assertThat(o.include()).isEmpty();
        assertThat(o.exclude()).isEmpty();
        assertThat(o.jfr()).isTrue();
        assertThat(o.verbose()).isFalse();
        assertThat(AgentOptions.parse("  ").bufferBytes()).isEqualTo(64L << 20);
    }

    @Test
    void everyOptionIsRead() throws Exception {
        AgentOptions o = AgentOptions.parse("out=/tmp/x, buffer=2048K,include=pool-*|io?,exclude=Thread.start,jfr=off,verbose=on");
        assertThat(o.out()).isEqualTo(Paths.get("/tmp/x"));
        assertThat(o.bufferBytes()).isEqualTo(2048L << 10);
        assertThat(o.include()).containsExactly("pool-*", "io?");
        assertThat(o.exclude()).containsExactly("Thread.start");
        assertThat(o.jfr()).isFalse();
        assertThat(o.verbose()).isTrue();
    }

    @Test
    void sizes() throws Exception {
        assertThat(AgentOptions.parse("buffer=1m").bufferBytes()).isEqualTo(1L << 20);
        assertThat(AgentOptions.parse("buffer=2g").bufferBytes()).isEqualTo(2L << 30);
        assertThat(AgentOptions.parse("buffer=2097152").bufferBytes()).isEqualTo(2L << 20);
        assertThat(AgentOptions.parse("buffer=64MB").bufferBytes()).isEqualTo(64L << 20);
        assertThatThrownBy(() -> AgentOptions.parse("buffer=33g")).hasMessageContaining("from 1m to 32g");
        assertThatThrownBy(() -> AgentOptions.parse("buffer=999999999999999g")).hasMessageContaining("from 1m to 32g");
        assertThatThrownBy(() -> AgentOptions.parse("buffer=-1m")).hasMessageContaining("bad value '-1m' for option buffer");
    }

    @Test
    void unknownKeyListsTheValidOnes() {
        assertThatThrownBy(() -> AgentOptions.parse("outt=x")).isInstanceOf(OptionsException.class)
                .hasMessage("unknown option 'outt' (did you mean out?); valid options are out, reports, buffer, include, exclude, timeline, jfr, verbose, loops, blocking, stall, watchdog, commonPool, allow");
    }

    @Test
    void detectionDefaults() throws Exception {
        AgentOptions o = AgentOptions.parse(null);
        assertThat(o.loops()).isEmpty();
        assertThat(o.blocking()).isEqualTo(AgentOptions.BlockingPolicy.RECORD);
        assertThat(o.stallNanos()).isEqualTo(100_000_000L);
        assertThat(o.watchdogNanos()).isEqualTo(10_000_000L);
        assertThat(o.commonPool()).isEqualTo(AgentOptions.CommonPoolMode.REPORT);
        assertThat(o.allow()).isEmpty();
    }

    @Test
    void detectionOptionsAreRead() throws Exception {
        AgentOptions o = AgentOptions.parse(
                "loops=my-loop-*|io-?,blocking=FAIL,stall=2s,watchdog=5ms,commonPool=loop,allow=com.acme.Cache.load|com.acme.legacy.*|api:Thread.sleep");
        assertThat(o.loops()).containsExactly("my-loop-*", "io-?");
        assertThat(o.blocking()).isEqualTo(AgentOptions.BlockingPolicy.FAIL);
        assertThat(o.stallNanos()).isEqualTo(2_000_000_000L);
        assertThat(o.watchdogNanos()).isEqualTo(5_000_000L);
        assertThat(o.commonPool()).isEqualTo(AgentOptions.CommonPoolMode.LOOP);
        assertThat(o.allow()).containsExactly("com.acme.Cache.load", "com.acme.legacy.*", "api:Thread.sleep");
        assertThat(AgentOptions.parse("stall=off").stallNanos()).isZero();
    }

    @Test
    void badDetectionValuesNameTheOptionAndWhatIsValid() {
        assertThatThrownBy(() -> AgentOptions.parse("blocking=loud"))
                .hasMessage("bad value 'loud' for option blocking: expected one of record, warn, fail, off");
        assertThatThrownBy(() -> AgentOptions.parse("stall=100"))
                .hasMessageContaining("bad value '100' for option stall: expected a duration such as 100ms or 2s");
        assertThatThrownBy(() -> AgentOptions.parse("stall=2h")).hasMessageContaining("from 1ms to 1h");
        assertThatThrownBy(() -> AgentOptions.parse("watchdog=0ms")).hasMessageContaining("from 1ms to 1s");
        assertThatThrownBy(() -> AgentOptions.parse("commonPool=yes"))
                .hasMessage("bad value 'yes' for option commonPool: expected one of report, loop, off");
        assertThatThrownBy(() -> AgentOptions.parse("allow=sleep"))
                .hasMessageContaining("bad value 'sleep' for option allow: entry 'sleep' is not a method such as com.acme.Cache.load");
        assertThatThrownBy(() -> AgentOptions.parse("allow=com.acme.Cache.load|")).hasMessageContaining("entry '' is not");
        assertThatThrownBy(() -> AgentOptions.parse("loops=a||b")).hasMessageContaining("an empty glob");
    }
}
