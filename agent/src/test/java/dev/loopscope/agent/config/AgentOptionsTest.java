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
                .hasMessage("unknown option 'outt'; valid options are out, buffer, include, exclude, jfr, verbose");
    }
}
