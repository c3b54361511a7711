package dev.loopscope.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loopscope.agent.it.MiniJson;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    private static String write(String value) {
        StringWriter out = new StringWriter();
        new JsonWriter(out).beginObject().name("v").value(value).endObject();
        return out.toString();
    }

    @Test
    void hostileStringsStayValidJsonAndCannotCloseAScriptElement() {
        String hostile = "</script><script>alert(1)</script><!-- \"quoted\" \\ \n\r\t\u0000 \u2028\u2029 & >";
        String json = write(hostile);
        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
        assertThat(((Map<?, ?>) MiniJson.parse(json)).get("v")).isEqualTo(hostile);
    }

    @Test
    void unpairedSurrogatesAreEscapedAndPairsKept() {
        String s = "a\uD800b\uDC00c\uD83D\uDE00";
        String json = write(s);
        assertThat(json).contains("\\ud800").contains("\\udc00").contains("\uD83D\uDE00");
        assertThat(((Map<?, ?>) MiniJson.parse(json)).get("v")).isEqualTo(s);
        // A lone surrogate at the very end, too.
        assertThat(write("x\uD800")).isEqualTo("{\"v\":\"x\\ud800\"}");
    }

    @Test
    void nestingAndNumbers() {
        StringWriter out = new StringWriter();
        new JsonWriter(out).beginObject().name("a").beginArray().value(1).value(2.5).value(Double.NaN).nullValue()
                .beginObject().endObject().endArray().name("b").value(true).endObject();
        assertThat(out.toString()).isEqualTo("{\"a\":[1,2.5,null,null,{}],\"b\":true}");
        assertThat(((Map<?, ?>) MiniJson.parse(out.toString())).get("a")).isInstanceOf(List.class);
    }
}
