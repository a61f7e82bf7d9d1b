package dev.tollgate.commons.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads the top-level members of a JSON object, keeping each as the text it was written as: a
 * plugin can find one member and send the body on without it, the others byte for byte as the
 * client sent them. Jackson's streaming parser reads the text (nesting bounded), and its token
 * offsets cut each member out of it.
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
            return value.startsWith("\"") ? Optional.of((String) dev.tollgate.commons.json.JsonParser.parse(value))
                    : Optional.empty();
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
        try (JsonParser p = JsonTokens.openSkimming(text)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw JsonTokens.error(p, "an object");
                }
                List<Member> out = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    String name = p.currentName();
                    p.nextToken();
                    int valueStart = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren(); // to the value's last token
                    p.finishToken(); // a string is read lazily: its end is known once read
                    int end = (int) p.currentLocation().getCharOffset();
                    out.add(new Member(name, text.substring(valueStart, end), text.substring(start, end)));
                }
                if (p.nextToken() != null) {
                    throw JsonTokens.error(p, "the end of the text");
                }
                return out;
            } catch (IOException e) {
                throw JsonTokens.error(p, e);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }
}
