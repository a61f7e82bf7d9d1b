package dev.tollgate.plugins.logging;

import java.util.Collection;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and null as compact JSON (RFC 8259), for
 * log lines. Strings are escaped so that a value never breaks a line: control characters,
 * U+2028 and U+2029 (line breaks to JavaScript) and unpaired surrogates (not encodable as
 * UTF-8) become six-character escapes (a backslash, {@code u} and four hex digits).
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    /** {@code value} as JSON text; non-finite numbers are written as {@code null}. */
    public static String toJson(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    /**
     * Appends {@code value} as JSON.
     *
     * @throws IllegalArgumentException for a value of another type (or nested deeper than 64 levels)
     */
    public static void write(StringBuilder out, Object value) {
        write(out, value, 0);
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("JSON value nested too deep (expected: <= 64 levels)");
        }
        switch (value) {
            case null -> out.append("null");
            case CharSequence s -> string(out, s);
            case Boolean b -> out.append(b.booleanValue());
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            case Float f when f.isNaN() || f.isInfinite() -> out.append("null");
            case Number n -> out.append(n);
            case Map<?, ?> m -> object(out, m, depth);
            case Collection<?> c -> array(out, c, depth);
            case Object[] a -> array(out, java.util.Arrays.asList(a), depth);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName()
                    + " (expected: Map, Collection, CharSequence, Number, Boolean or null)");
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (var e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, String.valueOf(e.getKey()));
            out.append(':');
            write(out, e.getValue(), depth + 1);
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> items, int depth) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(out, item, depth + 1);
        }
        out.append(']');
    }

    private static void string(StringBuilder out, CharSequence s) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
