package dev.tollgate.commons.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.FieldError;
import dev.tollgate.commons.llm.Json;

/**
 * A client's Anthropic Messages request as an OpenAI chat request, checked on the way: a wrong
 * field is an {@link IllegalArgumentException} naming it. Fields with no OpenAI meaning
 * ({@code top_k}, {@code thinking}, {@code service_tier}, ...) are checked where cheap and
 * dropped, since OpenAI rejects parameters it does not know.
 */
final class AnthropicClientRequests {

    private AnthropicClientRequests() {
    }

    static ObjectNode toOpenAi(ObjectNode request) {
        ObjectNode out = Json.object();
        JsonNode model = request.get("model");
        if (model != null && !model.isNull()) {
            out.put("model", text(model, "model"));
        }
        ArrayNode messages = out.putArray("messages");
        JsonNode system = request.get("system");
        if (system != null && !system.isNull()) {
            AnthropicClientMessages.system(system, "system", messages);
        }
        AnthropicClientMessages.convert(request.get("messages"), messages);
        JsonNode maxTokens = request.get("max_tokens");
        if (maxTokens == null || !maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt()
                || maxTokens.asInt() < 1) {
            throw invalid("max_tokens", maxTokens, "an integer >= 1");
        }
        out.put("max_tokens", maxTokens.asInt());
        copyNumber(request, out, "temperature");
        copyNumber(request, out, "top_p");
        number(request, "top_k"); // checked, then dropped: OpenAI has no top_k
        JsonNode stop = request.get("stop_sequences");
        if (stop != null && !stop.isNull()) {
            out.set("stop", strings(stop, "stop_sequences"));
        }
        JsonNode stream = request.get("stream");
        if (stream != null && !stream.isNull()) {
            if (!stream.isBoolean()) {
                throw invalid("stream", stream, "true or false");
            }
            out.put("stream", stream.asBoolean());
        }
        user(request.get("metadata"), out);
        tools(request, out);
        return out;
    }

    private static void user(JsonNode metadata, ObjectNode out) {
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject()) {
            throw invalid("metadata", metadata, "an object");
        }
        JsonNode userId = metadata.get("user_id");
        if (userId != null && !userId.isNull()) {
            out.put("user", text(userId, "metadata.user_id"));
        }
    }

    private static void tools(ObjectNode request, ObjectNode out) {
        JsonNode tools = request.get("tools");
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw invalid("tools", tools, "an array of tools");
        }
        ArrayNode converted = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String where = "tools[" + i + "]";
            String type = tool.path("type").asText("custom");
            if (!type.equals("custom")) {
                throw invalid(where + ".type", tool.get("type"),
                        "a custom tool; Anthropic's server tools run at Anthropic only");
            }
            ObjectNode function = converted.addObject().put("type", "function").putObject("function");
            function.put("name", text(tool.get("name"), where + ".name"));
            if (tool.hasNonNull("description")) {
                function.put("description", text(tool.get("description"), where + ".description"));
            }
            JsonNode schema = tool.get("input_schema");
            if (schema == null || !schema.isObject()) {
                throw invalid(where + ".input_schema", schema, "a JSON schema object");
            }
            function.set("parameters", schema);
        }
        toolChoice(request.get("tool_choice"), out);
    }

    private static void toolChoice(JsonNode choice, ObjectNode out) {
        if (choice == null || choice.isNull()) {
            return;
        }
        String type = choice.path("type").asText("");
        switch (type) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function")
                    .putObject("function").put("name", text(choice.get("name"), "tool_choice.name"));
            default -> throw invalid("tool_choice", choice, "an object of type auto, any, tool or none");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false) && !type.equals("none")) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static void copyNumber(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = number(from, field);
        if (value != null) {
            to.set(field, value);
        }
    }

    private static JsonNode number(ObjectNode from, String field) {
        JsonNode value = from.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw invalid(field, value, "a number");
        }
        return value;
    }

    private static ArrayNode strings(JsonNode value, String field) {
        if (!value.isArray()) {
            throw invalid(field, value, "an array of strings");
        }
        for (JsonNode s : value) {
            if (!s.isTextual()) {
                throw invalid(field, value, "an array of strings");
            }
        }
        return (ArrayNode) value;
    }

    static String text(JsonNode value, String field) {
        if (value == null || !value.isTextual()) {
            throw invalid(field, value, "a string");
        }
        return value.asText();
    }

    static IllegalArgumentException invalid(String field, JsonNode value, String expected) {
        return new IllegalArgumentException(FieldError.message(field, value, expected));
    }
}
