package dev.tollgate.commons.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    private final JsonCursor in;
    private final int maxDepth;

    private JsonParser(String text, int maxDepth) {
        this.in = new JsonCursor(text);
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
        parser.in.skipSpace();
        Object value = parser.value(0);
        parser.in.expectEnd();
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
            throw in.error("nesting at most " + maxDepth + " deep");
        }
        char c = in.peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> in.string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", JsonNull.NULL);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) {
        in.pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        in.skipSpace();
        if (in.peek() == '}') {
            in.pos++;
            return members;
        }
        while (true) {
            in.skipSpace();
            if (in.peek() != '"') {
                throw in.error("a member name");
            }
            String name = in.string();
            in.skipSpace();
            in.expect(':');
            in.skipSpace();
            // A repeated name keeps its last value, as most parsers read it.
            members.put(name, value(depth + 1));
            in.skipSpace();
            if (in.peek() == '}') {
                in.pos++;
                return members;
            }
            in.expect(',');
        }
    }

    private List<Object> array(int depth) {
        in.pos++;
        List<Object> items = new ArrayList<>();
        in.skipSpace();
        if (in.peek() == ']') {
            in.pos++;
            return items;
        }
        while (true) {
            in.skipSpace();
            items.add(value(depth + 1));
            in.skipSpace();
            if (in.peek() == ']') {
                in.pos++;
                return items;
            }
            in.expect(',');
        }
    }

    private JsonNumber number() {
        int start = in.pos;
        while (in.pos < in.text.length() && "+-0123456789.eE".indexOf(in.text.charAt(in.pos)) >= 0) {
            in.pos++;
        }
        String literal = in.text.substring(start, in.pos);
        if (literal.isEmpty() || !JsonNumber.isNumber(literal)) {
            in.pos = start;
            throw in.error("a value");
        }
        return new JsonNumber(literal);
    }

    private Object word(String word, Object value) {
        if (!in.text.startsWith(word, in.pos)) {
            throw in.error("a value");
        }
        in.pos += word.length();
        return value;
    }
}
