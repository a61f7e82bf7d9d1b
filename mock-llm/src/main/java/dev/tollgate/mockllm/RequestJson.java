package dev.tollgate.mockllm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * Reads and checks the fields of a provider request body. Problems surface as
 * {@link IllegalArgumentException}s whose message names the field, the value and what was
 * expected; each endpoint turns them into its provider's 400 body.
 */
final class RequestJson {

    /** Large enough for any benchmark, small enough that one request cannot stall the mock. */
    static final int MAX_MOCK_TOKENS = 100_000;

    private RequestJson() {
    }

    static ObjectNode parseObject(String body) {
        if (body.isBlank()) {
            throw new IllegalArgumentException("body: empty (expected: a JSON object)");
        }
        JsonNode json;
        try {
            json = Exchange.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson appends a source description that says nothing to the caller.
            String problem = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:.*", "");
            throw new IllegalArgumentException("invalid JSON body: " + problem
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (!(json instanceof ObjectNode object)) {
            throw new IllegalArgumentException("body: " + json.getNodeType() + " (expected: a JSON object)");
        }
        return object;
    }

    /** The field as a positive int, or empty when absent or null. */
    static OptionalInt positiveInt(JsonNode json, String field, int max) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1 || value.asInt() > max) {
            throw new IllegalArgumentException(field + ": " + brief(value) + " (expected: an integer 1.." + max + ")");
        }
        return OptionalInt.of(value.asInt());
    }

    /** The field as an int in {@code min..max}, or empty when absent or null. */
    static OptionalInt intIn(JsonNode json, String field, int min, int max) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new IllegalArgumentException(field + ": " + brief(value) + " (expected: an integer " + min + ".." + max + ")");
        }
        return OptionalInt.of(value.asInt());
    }

    /** The field as a string, which the request must have. */
    static String requiredString(JsonNode json, String field) {
        if (!json.path(field).isTextual()) {
            throw new IllegalArgumentException(
                    field + ": " + brief(json.get(field)) + " (expected: a string; it is required)");
        }
        return json.get(field).asText();
    }

    static String string(JsonNode json, String field, String fallback) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": " + brief(value) + " (expected: a string)");
        }
        return value.asText();
    }

    static boolean bool(JsonNode json, String field) {
        return bool(json, field, false);
    }

    /** The field as a boolean, or {@code fallback} when absent or null. */
    static boolean bool(JsonNode json, String field, boolean fallback) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + ": " + brief(value) + " (expected: true or false)");
        }
        return value.asBoolean();
    }

    /** A non-empty array of objects that each have a string {@code role}. */
    static JsonNode messages(JsonNode json) {
        JsonNode messages = json.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("messages: " + brief(messages) + " (expected: a non-empty array)");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw new IllegalArgumentException(
                        "messages[" + i + "]: " + brief(message) + " (expected: an object with a string role)");
            }
        }
        return messages;
    }

    /** A value short enough to quote in an error message. */
    static String brief(JsonNode value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
