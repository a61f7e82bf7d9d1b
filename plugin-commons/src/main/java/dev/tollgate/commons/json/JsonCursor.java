package dev.tollgate.commons.json;

import java.util.HexFormat;

/**
 * A position in JSON text and the tokens every reader of it needs: white space, punctuation
 * and strings. Errors name the offset and what was expected there.
 */
final class JsonCursor {
    final String text;
    int pos;

    JsonCursor(String text) {
        this.text = text;
    }

    void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    /** Fails unless only white space is left. */
    void expectEnd() {
        skipSpace();
        if (pos != text.length()) {
            throw error("end of input");
        }
    }

    void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    char peek() {
        if (pos >= text.length()) {
            throw error("more input");
        }
        return text.charAt(pos);
    }

    char next() {
        char c = peek();
        pos++;
        return c;
    }

    /** The string at the cursor, decoded. */
    String string() {
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

    IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("invalid JSON at offset " + pos + " (expected: " + expected + ")");
    }
}
