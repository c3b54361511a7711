package dev.loopscope.agent.report;

import dev.loopscope.agent.it.MiniJson;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * JSON for the DevTools protocol: {@link #write} serializes maps, lists, strings, numbers and
 * booleans through the agent's own {@link JsonWriter}; {@link #parse} reads one with the tests'
 * strict {@link MiniJson}.
 */
final class CdpJson {

    private CdpJson() {
    }

    static String write(Object value) {
        StringWriter out = new StringWriter();
        write(new JsonWriter(out), value);
        return out.toString();
    }

    /** A JavaScript string literal of {@code text}: JSON is valid JavaScript. */
    static String literal(String text) {
        return write(text);
    }

    private static void write(JsonWriter json, Object value) {
        if (value == null) {
            json.nullValue();
        } else if (value instanceof String s) {
            json.value(s);
        } else if (value instanceof Boolean b) {
            json.value(b);
        } else if (value instanceof Integer || value instanceof Long) {
            json.value(((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.value(n.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            json.beginObject();
            map.forEach((k, v) -> {
                json.name((String) k);
                write(json, v);
            });
            json.endObject();
        } else if (value instanceof List<?> list) {
            json.beginArray();
            list.forEach(v -> write(json, v));
            json.endArray();
        } else {
            throw new IllegalArgumentException("not JSON: " + value.getClass());
        }
    }

    /** Reads a message: objects as maps, arrays as lists, integers as Long, other numbers as Double. */
    static Object parse(String text) {
        return MiniJson.parse(text);
    }
}
