package dev.tollgate.commons.json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads the top-level members of a JSON object without building their values, keeping each as
 * the text it was written as: a plugin can find one member and send the body on without it,
 * the others byte for byte as the client sent them. Iterative, so deep nesting cannot exhaust
 * the stack.
 *
 * <p>Values are checked token by token; inside arrays and objects the placement of {@code ,}
 * and {@code :} is not checked. Strict enough to find a member, not a validator.
 */
public final class JsonObjectScanner {

    /**
     * One top-level member as written.
     *
     * @param name  the member's name, decoded
     * @param value its value's text
     * @param text  the whole member's text, from its name's opening quote to its value's end
     */
    public record Member(String name, String value, String text) {

        /** The value, decoded, when it is a string. */
        public Optional<String> string() {
            return value.startsWith("\"") ? Optional.of(new JsonCursor(value).string()) : Optional.empty();
        }

        public boolean isArray() {
            return value.startsWith("[");
        }
    }

    private JsonObjectScanner() {
    }

    /**
     * The members of the object {@code text} holds, in order; a repeated name is listed each time.
     *
     * @throws IllegalArgumentException when the text is not one JSON object
     */
    public static List<Member> members(String text) {
        JsonCursor in = new JsonCursor(text);
        List<Member> out = new ArrayList<>();
        in.skipSpace();
        in.expect('{');
        in.skipSpace();
        if (in.peek() == '}') {
            in.pos++;
        } else {
            while (true) {
                int start = in.pos;
                String name = in.string();
                in.skipSpace();
                in.expect(':');
                in.skipSpace();
                int valueStart = in.pos;
                skipValue(in);
                out.add(new Member(name, text.substring(valueStart, in.pos), text.substring(start, in.pos)));
                in.skipSpace();
                if (in.peek() == '}') {
                    in.pos++;
                    break;
                }
                in.expect(',');
                in.skipSpace();
            }
        }
        in.expectEnd();
        return out;
    }

    private static void skipValue(JsonCursor in) {
        Deque<Character> closers = new ArrayDeque<>();
        do {
            char c = in.peek();
            switch (c) {
                case '"' -> in.string();
                case '{' -> open(in, '}', closers);
                case '[' -> open(in, ']', closers);
                case '}', ']' -> {
                    if (closers.isEmpty() || closers.pop() != c) {
                        throw in.error("a value");
                    }
                    in.pos++;
                }
                case ',', ':' -> in.pos++; // separators inside a container; their placement is not checked
                default -> scalar(in);
            }
            if (!closers.isEmpty()) {
                in.skipSpace(); // not after the value: the member's text ends where its value does
            }
        } while (!closers.isEmpty());
    }

    private static void open(JsonCursor in, char closer, Deque<Character> closers) {
        closers.push(closer);
        in.pos++;
    }

    private static void scalar(JsonCursor in) {
        int start = in.pos;
        while (in.pos < in.text.length() && "{}[],:\" \t\r\n".indexOf(in.text.charAt(in.pos)) < 0) {
            in.pos++;
        }
        String scalar = in.text.substring(start, in.pos);
        if (!scalar.equals("true") && !scalar.equals("false") && !scalar.equals("null") && !JsonNumber.isNumber(scalar)) {
            in.pos = start;
            throw in.error("a value");
        }
    }
}
