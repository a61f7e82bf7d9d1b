package dev.tollgate.plugins.keyauth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the members of a JSON object without building its values: strings are decoded (a key
 * is one), everything else is only checked and skipped. Iterative, so deep nesting cannot
 * exhaust the stack. The SDK allows no JSON library, and a key lookup needs no more than this.
 */
final class JsonObjectScanner {
    private static final Pattern SCALAR = Pattern.compile("true|false|null|-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private final String text;
    private int pos;

    JsonObjectScanner(String text) {
        this.text = text;
    }

    /**
     * The object's members in order.
     *
     * @throws IllegalArgumentException when the text is not one JSON object
     */
    List<BodyFields.Member> members() {
        List<BodyFields.Member> out = new ArrayList<>();
        skipSpace();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                int start = pos;
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                KeyLookup value = switch (peek()) {
                    case '"' -> new KeyLookup.Found(string());
                    case '[' -> {
                        skipValue();
                        yield KeyLookup.DUPLICATE;
                    }
                    default -> {
                        skipValue();
                        yield KeyLookup.ABSENT;
                    }
                };
                out.add(new BodyFields.Member(name, value, text.substring(start, pos)));
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                expect(',');
                skipSpace();
            }
        }
        skipSpace();
        if (pos != text.length()) {
            throw error("end of body");
        }
        return out;
    }

    private void skipValue() {
        Deque<Character> closers = new ArrayDeque<>();
        do {
            char c = peek();
            switch (c) {
                case '"' -> string();
                case '{' -> open('}', closers);
                case '[' -> open(']', closers);
                case '}', ']' -> {
                    if (closers.isEmpty() || closers.pop() != c) {
                        throw error("a value");
                    }
                    pos++;
                }
                case ',', ':' -> pos++; // separators inside a container; their placement is not checked
                default -> scalar();
            }
            if (!closers.isEmpty()) {
                skipSpace(); // not after the value: the member's text ends where its value does
            }
        } while (!closers.isEmpty());
    }

    private void open(char closer, Deque<Character> closers) {
        closers.push(closer);
        pos++;
    }

    private void scalar() {
        int start = pos;
        while (pos < text.length() && "{}[],:\" \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        if (!SCALAR.matcher(text.substring(start, pos)).matches()) {
            pos = start;
            throw error("a value");
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
                default -> throw error("an escape");
            }
        }
    }

    private char hex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = next();
            if (!HexFormat.isHexDigit(c)) {
                throw error("4 hex digits");
            }
            value = value * 16 + HexFormat.fromHexDigit(c);
        }
        return (char) value;
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
