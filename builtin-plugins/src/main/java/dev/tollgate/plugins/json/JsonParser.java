package dev.tollgate.plugins.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser into plain values: {@code Map<String, Object>} (members in order),
 * {@code List<Object>}, {@link String}, {@link JsonNumber}, {@link Boolean} and {@link JsonNull}.
 * The plugins may use no JSON library, and a transformer must refuse a body it cannot read
 * rather than guess at it, so anything that is not exactly one JSON value is an error.
 */
public final class JsonParser {
    /** Deep enough for any real document, shallow enough that recursion cannot exhaust the stack. */
    static final int MAX_DEPTH = 512;

    private final String text;
    private final int maxDepth;
    private int pos;

    private JsonParser(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /**
     * The value {@code text} holds.
     *
     * @throws IllegalArgumentException naming the offset and what was expected there
     */
    public static Object parse(String text) {
        return parse(text, MAX_DEPTH);
    }

    /**
     * The value {@code text} holds, refusing arrays and objects nested more than
     * {@code maxDepth} deep (at most {@value #MAX_DEPTH}): less for input a caller must read
     * before it can trust its sender.
     *
     * @throws IllegalArgumentException naming the offset and what was expected there
     */
    public static Object parse(String text, int maxDepth) {
        if (maxDepth < 0 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: 0 to " + MAX_DEPTH + ")");
        }
        JsonParser parser = new JsonParser(text, maxDepth);
        parser.skipSpace();
        Object value = parser.value(0);
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("end of input");
        }
        return value;
    }

    /** {@link #parse(String)} of a body that must be UTF-8. */
    public static Object parse(byte[] utf8) {
        return parse(utf8, MAX_DEPTH);
    }

    /** {@link #parse(String, int)} of a body that must be UTF-8. */
    public static Object parse(byte[] utf8, int maxDepth) {
        return parse(utf8(utf8), maxDepth);
    }

    // Strict: a body that is not UTF-8 would be changed by decoding and encoding it again.
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("invalid JSON: not UTF-8", e);
        }
    }

    private Object value(int depth) {
        if (depth > maxDepth) {
            throw error("nesting at most " + maxDepth + " deep");
        }
        char c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", JsonNull.NULL);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("a member name");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            // A repeated name keeps its last value, as most parsers read it.
            members.put(name, value(depth + 1));
            skipSpace();
            if (peek() == '}') {
                pos++;
                return members;
            }
            expect(',');
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            skipSpace();
            items.add(value(depth + 1));
            skipSpace();
            if (peek() == ']') {
                pos++;
                return items;
            }
            expect(',');
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("no control characters in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> {
                    pos--;
                    throw error("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
                }
            }
        }
    }

    private char hex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = next();
            if (!HexFormat.isHexDigit(c)) {
                pos--;
                throw error("4 hex digits");
            }
            value = value * 16 + HexFormat.fromHexDigit(c);
        }
        return (char) value;
    }

    private JsonNumber number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (literal.isEmpty() || !JsonNumber.isNumber(literal)) {
            pos = start;
            throw error("a value");
        }
        return new JsonNumber(literal);
    }

    private Object word(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("a value");
        }
        pos += word.length();
        return value;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("more input");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("invalid JSON at offset " + pos + " (expected: " + expected + ")");
    }
}
