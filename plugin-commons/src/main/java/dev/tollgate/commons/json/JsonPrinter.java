package dev.tollgate.commons.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes compact JSON, in one of two ways. {@link #print} writes exactly the values
 * {@link JsonParser} reads, so an edited body keeps the client's numbers and refuses anything
 * else. {@link #printLogLine} writes the plain Java values a log entry is built of and
 * escapes every character that could break the line it is on.
 */
public final class JsonPrinter {
    /** Log entries nest a few levels; anything deeper is a bug in the code that built it. */
    static final int LOG_LINE_MAX_DEPTH = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private enum Style {
        /** The parser's values only; as deep as the parser reads. */
        DOCUMENT(Integer.MAX_VALUE),
        /** Java's values too; U+2028 and U+2029 (line breaks to JavaScript) escaped. */
        LOG_LINE(LOG_LINE_MAX_DEPTH);

        final int maxDepth;

        Style(int maxDepth) {
            this.maxDepth = maxDepth;
        }
    }

    private JsonPrinter() {
    }

    /**
     * {@code value} as JSON text.
     *
     * @throws IllegalArgumentException for a value that is none of the parser's types
     */
    public static String print(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, Style.DOCUMENT, 0);
        return out.toString();
    }

    /** {@link #print} as UTF-8 bytes. */
    public static byte[] printUtf8(Object value) {
        return print(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code value} as one line of JSON: maps, collections, arrays, character sequences, numbers
     * (non-finite ones as {@code null}), booleans and {@code null}, as well as the parser's
     * types. Control characters, U+2028, U+2029 and unpaired surrogates (not encodable as
     * UTF-8) become six-character escapes (a backslash, {@code u} and four hex digits).
     *
     * @throws IllegalArgumentException for a value of another type (or nested deeper than 64 levels)
     */
    public static String printLogLine(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, Style.LOG_LINE, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, Style style, int depth) {
        if (depth > style.maxDepth) {
            throw new IllegalArgumentException("JSON value nested too deep (expected: <= " + style.maxDepth + " levels)");
        }
        switch (value) {
            case null -> {
                if (style == Style.DOCUMENT) {
                    throw new IllegalArgumentException("value: null (expected: JsonNull.NULL for JSON's null)");
                }
                out.append("null");
            }
            case String s -> string(out, s, style);
            case JsonNumber n -> out.append(n.literal());
            case Boolean b -> out.append(b.booleanValue());
            case JsonNull n -> out.append("null");
            case Map<?, ?> m -> object(out, m, style, depth);
            case List<?> l -> array(out, l, style, depth);
            default -> {
                if (style == Style.LOG_LINE) {
                    javaValue(out, value, depth);
                } else {
                    throw new IllegalArgumentException("value: a " + value.getClass().getSimpleName()
                            + " (expected: Map, List, String, JsonNumber, Boolean or JsonNull)");
                }
            }
        }
    }

    private static void javaValue(StringBuilder out, Object value, int depth) {
        switch (value) {
            case CharSequence s -> string(out, s, Style.LOG_LINE);
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            case Float f when f.isNaN() || f.isInfinite() -> out.append("null");
            case Number n -> out.append(n);
            case Collection<?> c -> array(out, c, Style.LOG_LINE, depth);
            case Object[] a -> array(out, Arrays.asList(a), Style.LOG_LINE, depth);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName()
                    + " (expected: Map, Collection, CharSequence, Number, Boolean or null)");
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, Style style, int depth) {
        out.append('{');
        boolean first = true;
        for (var e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            if (style == Style.DOCUMENT && !(e.getKey() instanceof String)) {
                throw new IllegalArgumentException("member name: " + e.getKey() + " (expected: a String)");
            }
            string(out, String.valueOf(e.getKey()), style);
            out.append(':');
            write(out, e.getValue(), style, depth + 1);
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> items, Style style, int depth) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(out, item, style, depth + 1);
        }
        out.append(']');
    }

    private static void string(StringBuilder out, CharSequence s, Style style) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)
                            || style == Style.LOG_LINE && (c == '\u2028' || c == '\u2029')) {
                        // A lone surrogate (from a \\u escape) has no UTF-8 form; the escape keeps it intact.
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
