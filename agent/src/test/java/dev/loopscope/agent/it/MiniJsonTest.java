package dev.loopscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tests' JSON parser is strict: what it accepts, a strict reader anywhere would accept. */
class MiniJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"01", "+1", "1.", ".5", "1e", "-", "0x10", "[1,]", "{\"a\":1,}", "{\"a\":1,\"a\":2}", "[1]x",
        "\"\\u12\"", "\"\\u+123\"", "\"\\u１２３４\"", "\"a\nb\"", "\"\\x\"", "\"open", "\"\\", "\u00a0[]", "\u000b[]",
        "[\"a\" \"b\"]", "{a:1}", "['a']", "nul", "True", "NaN", "Infinity"})
    void rejectsWhatIsNotJson(String text) {
        assertThatThrownBy(() -> MiniJson.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsJson() {
        assertThat(MiniJson.parse(" {\"a\": [1, -0, 2.5, 1e3, -1.5E-2, true, false, null]}\r\n\t"))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, 0L, 2.5, 1000.0, -0.015, true, false, null)));
        assertThat(MiniJson.parse("[\"\\ud800\\udc00\\u003c\\/\\\"\\\\\\b\\f\\n\\r\\t\", \"\\uDC00\\uD800\"]"))
                .isEqualTo(List.of("\uD800\uDC00</\"\\\b\f\n\r\t", "\uDC00\uD800"));
    }
}
