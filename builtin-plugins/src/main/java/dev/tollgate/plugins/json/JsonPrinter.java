package dev.tollgate.plugins.json;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes the values {@link JsonParser} reads as compact JSON. */
public final class JsonPrinter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonPrinter() {
    }

    /**
     * {@code value} as JSON text.
     *
     * @throws IllegalArgumentException for a value that is none of the parser's types
     */
    public static String print(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    /** {@link #print} as UTF-8 bytes. */
    public static byte[] printUtf8(Object value) {
        return print(value).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case String s -> string(out, s);
            case JsonNumber n -> out.append(n.literal());
            case Boolean b -> out.append(b);
            case JsonNull n -> out.append("null");
            case Map<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, (String) e.getKey());
                    out.append(':');
                    write(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> l -> {
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, l.get(i));
                }
                out.append(']');
            }
            case null -> throw new IllegalArgumentException("value: null (expected: JsonNull.NULL for JSON's null)");
            default -> throw new IllegalArgumentException("value: a " + value.getClass().getSimpleName()
                    + " (expected: Map, List, String, JsonNumber, Boolean or JsonNull)");
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
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
                    // A lone surrogate (from a \\u escape) has no UTF-8 form; the escape keeps it intact.
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
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
