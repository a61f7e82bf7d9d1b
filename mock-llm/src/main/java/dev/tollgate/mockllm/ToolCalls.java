package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tool (function) calling for every provider shape: the tools a request offers, which one it
 * forces, and the call the mock answers with. A call's arguments fill the required parameters of
 * the tool's JSON schema with a plausible value per type ({@code {"city":"Paris"}} for a string),
 * so the same request always gets the same call.
 */
final class ToolCalls {

    /** Schemas nested deeper than this get {@code null}, so that a recursive schema cannot loop. */
    static final int MAX_DEPTH = 8;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ToolCalls() {
    }

    /**
     * The call to answer with: the forced tool, or else the first one, when the conversation ends
     * with the user's own message, offers tools and does not forbid calling them.
     */
    static Optional<ToolCall> plan(Conversation conversation) {
        if (!conversation.endsWithUser() || conversation.tools().isEmpty() || conversation.toolChoice().none()) {
            return Optional.empty();
        }
        String forced = conversation.toolChoice().name().orElse(conversation.tools().getFirst().name());
        Tool tool = conversation.tools().stream().filter(t -> t.name().equals(forced)).findFirst().orElseThrow();
        return Optional.of(ToolCall.of(tool.name(), arguments(tool.parameters())));
    }

    /** A tool definition as a request gives it; {@code where} names it in errors, e.g. {@code tools[2]}. */
    static Tool tool(JsonNode definition, String schemaField, String where) {
        JsonNode name = definition.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw new IllegalArgumentException(where + ".name: " + RequestJson.brief(name) + " (expected: a string)");
        }
        return new Tool(name.asText(), definition.get(schemaField));
    }

    /** The array at {@code field}, empty when absent or null. */
    static JsonNode array(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return NODES.arrayNode();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(field + ": " + RequestJson.brief(value) + " (expected: an array)");
        }
        return value;
    }

    /** An object with the schema's required properties, each filled by {@link #value}. */
    static ObjectNode arguments(JsonNode schema) {
        return value(schema, 0) instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private static JsonNode value(JsonNode schema, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return NODES.nullNode();
        }
        if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        for (String union : List.of("anyOf", "oneOf", "allOf")) {
            if (schema.path(union).isArray() && !schema.get(union).isEmpty()) {
                return value(schema.get(union).get(0), depth + 1);
            }
        }
        return switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (JsonNode required : schema.path("required")) {
                    object.set(required.asText(), value(schema.path("properties").get(required.asText()), depth + 1));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (schema.has("items")) {
                    array.add(value(schema.get("items"), depth + 1));
                }
                yield array;
            }
            case "string" -> NODES.textNode(switch (schema.path("format").asText()) {
                case "date" -> "2024-06-01";
                case "date-time" -> "2024-06-01T12:00:00Z";
                case "email" -> "mock@example.com";
                case "uri", "url" -> "https://example.com/";
                default -> "Paris";
            });
            case "integer" -> NODES.numberNode(3);
            case "number" -> NODES.numberNode(21.5);
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.nullNode();
        };
    }

    /** The schema's type in lower case (Gemini writes {@code STRING}); the first non-null one of a list. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode option : type) {
                if (option.isTextual() && !option.asText().equalsIgnoreCase("null")) {
                    return option.asText().toLowerCase(Locale.ROOT);
                }
            }
        }
        if (type != null && type.isTextual()) {
            return type.asText().toLowerCase(Locale.ROOT);
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "";
    }

    /**
     * Cuts JSON where letters and digits meet punctuation, roughly as a tokenizer would:
     * {@code {"city":"Paris"}} streams as {@code {"}, {@code city}, {@code ":"}, {@code Paris}, {@code "}}.
     */
    static List<String> pieces(String json) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= json.length(); i++) {
            if (i == json.length()
                    || Character.isLetterOrDigit(json.charAt(i)) != Character.isLetterOrDigit(json.charAt(i - 1))) {
                pieces.add(json.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    /**
     * A function the request offers.
     *
     * @param parameters the JSON schema of its arguments, or null when it has none
     */
    record Tool(String name, JsonNode parameters) {
        Tool {
            requireNonNull(name, "name");
        }
    }

    /** Which tool the request lets the mock call: any ({@link #AUTO}), none, or the named one. */
    record Choice(boolean none, Optional<String> name) {
        static final Choice AUTO = new Choice(false, Optional.empty());
        static final Choice NONE = new Choice(true, Optional.empty());

        static Choice named(String name) {
            return new Choice(false, Optional.of(name));
        }
    }

    /**
     * A call of tool {@code name} with {@code arguments}, as the mock answers it.
     *
     * @param pieces the argument JSON in the pieces it streams in (see {@link #pieces(String)})
     */
    record ToolCall(String name, ObjectNode arguments, List<String> pieces) implements Reply {

        static ToolCall of(String name, ObjectNode arguments) {
            return new ToolCall(name, arguments, List.copyOf(ToolCalls.pieces(arguments.toString())));
        }

        String argumentsJson() {
            return String.join("", pieces);
        }

        @Override
        public int tokens() {
            return pieces.size();
        }

        @Override
        public String piece(int i) {
            return pieces.get(i);
        }
    }
}
