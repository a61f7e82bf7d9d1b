package dev.tollgate.commons.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.provider.AnthropicMessages.Conversation;

/**
 * An OpenAI chat request as an Anthropic Messages request. The result is built field by field
 * rather than edited in place: Anthropic rejects fields it does not know, and OpenAI requests
 * carry many ({@code frequency_penalty}, {@code seed}, {@code stream_options}, ...) that have no
 * Anthropic meaning and are dropped.
 */
final class AnthropicRequests {
    /** Anthropic requires {@code max_tokens}; OpenAI clients rarely send it. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private AnthropicRequests() {
    }

    static ObjectNode messagesRequest(ObjectNode chat, boolean stream) {
        rejectUnsupported(chat);
        ObjectNode out = Json.object();
        if (chat.hasNonNull("model")) {
            out.set("model", chat.get("model"));
        }
        Conversation conversation = AnthropicMessages.convert(chat.get("messages"));
        if (conversation.system() != null) {
            out.set("system", conversation.system());
        }
        out.set("messages", conversation.messages());
        out.put("max_tokens", maxTokens(chat));
        copyNumber(chat, out, "temperature");
        copyNumber(chat, out, "top_p");
        copyNumber(chat, out, "top_k"); // not OpenAI's, but clients that know Anthropic send it
        stopSequences(chat.get("stop"), out);
        if (stream) {
            out.put("stream", true);
        }
        JsonNode user = chat.get("user");
        if (user != null && user.isTextual()) {
            out.putObject("metadata").put("user_id", user.asText());
        }
        tools(chat, out);
        return out;
    }

    /** Features whose absence would change the answer a client relies on, so they fail loudly. */
    private static void rejectUnsupported(ObjectNode chat) {
        if (chat.path("n").asInt(1) > 1) {
            throw new UnsupportedRequestException("n: " + chat.get("n") + " (anthropic returns one choice; expected: 1)");
        }
        if (chat.path("logprobs").asBoolean(false)) {
            throw new UnsupportedRequestException("logprobs: anthropic does not return log probabilities");
        }
        String format = chat.path("response_format").path("type").asText("text");
        if (!format.equals("text")) {
            throw new UnsupportedRequestException("response_format: " + format + " is not supported for anthropic");
        }
        for (JsonNode modality : chat.path("modalities")) {
            if (!modality.asText().equals("text")) {
                throw new UnsupportedRequestException("modalities: anthropic answers in text only");
            }
        }
    }

    private static int maxTokens(ObjectNode chat) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = chat.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
                throw AnthropicMessages.invalid(field, value, "an integer >= 1");
            }
            return value.asInt();
        }
        return DEFAULT_MAX_TOKENS;
    }

    private static void copyNumber(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw AnthropicMessages.invalid(field, value, "a number");
        }
        to.set(field, value);
    }

    private static void stopSequences(JsonNode stop, ObjectNode out) {
        if (stop == null || stop.isNull()) {
            return;
        }
        ArrayNode sequences = out.putArray("stop_sequences");
        if (stop.isTextual()) {
            sequences.add(stop.asText());
            return;
        }
        if (!stop.isArray()) {
            throw AnthropicMessages.invalid("stop", stop, "a string or an array of strings");
        }
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw AnthropicMessages.invalid("stop", stop, "a string or an array of strings");
            }
            sequences.add(s.asText());
        }
    }

    private static void tools(ObjectNode chat, ObjectNode out) {
        JsonNode tools = chat.get("tools");
        if (tools == null || tools.isNull() || tools.isEmpty()) {
            return; // a tool_choice without tools means nothing, and Anthropic would reject it
        }
        if (!tools.isArray()) {
            throw AnthropicMessages.invalid("tools", tools, "an array of function tools");
        }
        ArrayNode converted = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String where = "tools[" + i + "]";
            if (!tool.path("type").asText("function").equals("function")) {
                throw AnthropicMessages.invalid(where + ".type", tool.get("type"), "function");
            }
            JsonNode function = tool.path("function");
            JsonNode name = function.get("name");
            if (name == null || !name.isTextual()) {
                throw AnthropicMessages.invalid(where + ".function.name", name, "a string");
            }
            ObjectNode t = converted.addObject().put("name", name.asText());
            if (function.path("description").isTextual()) {
                t.set("description", function.get("description"));
            }
            JsonNode parameters = function.get("parameters");
            if (parameters != null && parameters.isObject()) {
                t.set("input_schema", parameters);
            } else {
                // OpenAI allows a tool without parameters; Anthropic requires a schema
                t.putObject("input_schema").put("type", "object").putObject("properties");
            }
        }
        ObjectNode choice = toolChoice(chat.get("tool_choice"));
        if (chat.path("parallel_tool_calls").isBoolean() && !chat.get("parallel_tool_calls").asBoolean()) {
            if (choice == null) {
                choice = Json.object().put("type", "auto");
            }
            if (!choice.get("type").asText().equals("none")) {
                choice.put("disable_parallel_tool_use", true);
            }
        }
        if (choice != null) {
            out.set("tool_choice", choice);
        }
    }

    private static ObjectNode toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> Json.object().put("type", "auto");
                case "required" -> Json.object().put("type", "any");
                case "none" -> Json.object().put("type", "none");
                default -> throw AnthropicMessages.invalid("tool_choice", choice, "auto, required, none or a function");
            };
        }
        JsonNode name = choice.path("function").get("name");
        if (!choice.path("type").asText().equals("function") || name == null || !name.isTextual()) {
            throw AnthropicMessages.invalid("tool_choice", choice, "auto, required, none or a function");
        }
        return Json.object().put("type", "tool").put("name", name.asText());
    }
}
