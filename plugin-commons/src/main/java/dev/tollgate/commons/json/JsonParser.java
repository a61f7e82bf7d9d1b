package dev.tollgate.commons.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonToken;

/**
 * A strict RFC 8259 parser into plain values: {@code Map<String, Object>} (members in order),
 * {@code List<Object>}, {@link String}, {@link JsonNumber}, {@link Boolean} and {@link JsonNull}.
 * The plugins may use no JSON library, and a transformer must refuse a body it cannot read
 * rather than guess at it, so anything that is not exactly one JSON value is an error.
 */
public final class JsonParser {
    /** Deep enough for any real document, shallow enough that no document can exhaust the stack. */
    static final int MAX_DEPTH = JsonTokens.MAX_DEPTH;

    private JsonParser() {
    }

    /**
     * The value {@code text} holds.
     *
     * @throws IllegalArgumentException naming the offset and what was wrong there
     */
    public static Object parse(String text) {
        return parse(text, MAX_DEPTH);
    }

    /**
     * The value {@code text} holds, refusing arrays and objects nested more than
     * {@code maxDepth} deep (at most {@value #MAX_DEPTH}): less for input a caller must read
     * before it can trust its sender.
     *
     * @throws IllegalArgumentException naming the offset and what was wrong there
     */
    public static Object parse(String text, int maxDepth) {
        if (maxDepth < 0 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: 0 to " + MAX_DEPTH + ")");
        }
        try (com.fasterxml.jackson.core.JsonParser p = JsonTokens.open(text)) {
            try {
                if (p.nextToken() == null) {
                    throw JsonTokens.error(p, "a value");
                }
                Object value = value(p, 0, maxDepth);
                if (p.nextToken() != null) {
                    throw JsonTokens.error(p, "the end of the text");
                }
                return value;
            } catch (IOException e) {
                throw JsonTokens.error(p, e);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
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

    /** The value at the current token; numbers keep the text they were written as. */
    private static Object value(com.fasterxml.jackson.core.JsonParser p, int depth, int maxDepth) throws IOException {
        JsonToken t = p.currentToken();
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth >= maxDepth) {
            throw JsonTokens.error(p, "nesting at most " + maxDepth + " deep");
        }
        switch (t) {
            case START_OBJECT -> {
                // A repeated name keeps its last value, as most parsers read it.
                Map<String, Object> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    members.put(name, value(p, depth + 1, maxDepth));
                }
                return members;
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, depth + 1, maxDepth));
                }
                return items;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonNumber(p.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return JsonNull.NULL;
            }
            default -> throw JsonTokens.error(p, "a value");
        }
    }
}
