package dev.loopscope.agent.report;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the DevTools protocol: {@link #write} serializes maps, lists, strings, numbers and
 * booleans through the agent's own {@link JsonWriter}; {@link #parse} reads a message into maps,
 * lists, strings, doubles, booleans and nulls.
 */
final class CdpJson {

    private final String s;
    private int i;

    private CdpJson(String s) {
        this.s = s;
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

    static Object parse(String text) {
        CdpJson p = new CdpJson(text);
        Object v = p.value();
        p.skipSpace();
        if (p.i != text.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    private Object value() {
        skipSpace();
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        skipSpace();
        if (s.charAt(i) == '}') {
            i++;
            return map;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (s.charAt(i++) == '}') {
                return map;
            }
            if (s.charAt(i - 1) != ',') {
                throw error("expected , or }");
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        i++;
        skipSpace();
        if (s.charAt(i) == ']') {
            i++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            if (s.charAt(i++) == ']') {
                return list;
            }
            if (s.charAt(i - 1) != ',') {
                throw error("expected , or ]");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
    }

    private Double number() {
        int from = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (from == i) {
            throw error("unexpected character");
        }
        return Double.valueOf(s.substring(from, i));
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, i)) {
            throw error("expected " + word);
        }
        i += word.length();
        return value;
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw error("expected " + c);
        }
        i++;
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + i + " in JSON: "
                + s.substring(Math.max(0, i - 40), Math.min(s.length(), i + 40)));
    }
}
