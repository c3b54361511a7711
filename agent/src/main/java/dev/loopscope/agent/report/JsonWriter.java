package dev.loopscope.agent.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A small streaming JSON writer, used by every report.
 *
 * <p>Strings from the application (thread names, messages) are escaped so that the output is
 * valid JSON whatever they hold, and safe to embed in an HTML {@code <script>} element: {@code <},
 * {@code >} and {@code &} are written as {@code \}{@code u} escapes, so no {@code </script>} or
 * {@code <!--} can appear, and an unpaired UTF-16 surrogate is escaped rather than mangled by the
 * UTF-8 encoder.
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Writer out;
    /** Whether the current container already holds a value (so the next needs a comma). */
    private boolean[] nonEmpty = new boolean[32];
    private int depth;
    private boolean afterName;

    public JsonWriter(Writer out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    public JsonWriter name(String name) {
        separate();
        string(name);
        write(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        separate();
        if (value == null) {
            write("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        separate();
        write(Long.toString(value));
        return this;
    }

    public JsonWriter value(boolean value) {
        separate();
        write(value ? "true" : "false");
        return this;
    }

    /** A finite number, rounded to 4 decimals; NaN and infinities become {@code null}. */
    public JsonWriter value(double value) {
        separate();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            write("null");
        } else {
            write(Double.toString(Math.round(value * 10_000) / 10_000.0));
        }
        return this;
    }

    public JsonWriter nullValue() {
        separate();
        write("null");
        return this;
    }

    private JsonWriter open(char c) {
        separate();
        write(c);
        if (++depth == nonEmpty.length) {
            nonEmpty = java.util.Arrays.copyOf(nonEmpty, depth * 2);
        }
        nonEmpty[depth] = false;
        return this;
    }

    private JsonWriter close(char c) {
        depth--;
        write(c);
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (nonEmpty[depth]) {
                write(',');
            }
            nonEmpty[depth] = true;
        }
    }

    /**
     * Runs of characters that need no escape are written whole: one call per run, not per
     * character (a million-task trace is mostly names, and the writer locks on every call).
     */
    private void string(String s) {
        write('"');
        int n = s.length();
        int run = 0; // where the run of characters not yet written starts
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!needsEscape(s, i, c)) {
                if (Character.isHighSurrogate(c)) {
                    i++; // its low surrogate follows (needsEscape checked the pair): both stay in the run
                }
                continue;
            }
            write(s, run, i - run);
            writeEscaped(c);
            run = i + 1;
        }
        write(s, run, n - run);
        write('"');
    }

    /**
     * Quotes, backslashes and controls, as JSON requires; {@code < > &} and the JavaScript line
     * separators, so that the text is safe inside an HTML script; lone surrogates, which are not text.
     */
    private static boolean needsEscape(String s, int i, char c) {
        return c == '"' || c == '\\' || c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029'
                || Character.isSurrogate(c) && !pairedAt(s, i);
    }

    private void writeEscaped(char c) {
        switch (c) {
            case '"':
                write("\\\"");
                break;
            case '\\':
                write("\\\\");
                break;
            case '\n':
                write("\\n");
                break;
            case '\r':
                write("\\r");
                break;
            case '\t':
                write("\\t");
                break;
            default:
                escape(c);
        }
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private void escape(char c) {
        write("\\u");
        write(HEX[(c >> 12) & 0xF]);
        write(HEX[(c >> 8) & 0xF]);
        write(HEX[(c >> 4) & 0xF]);
        write(HEX[c & 0xF]);
    }

    private void write(char c) {
        try {
            out.write(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String s, int from, int length) {
        if (length == 0) {
            return;
        }
        try {
            out.write(s, from, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
