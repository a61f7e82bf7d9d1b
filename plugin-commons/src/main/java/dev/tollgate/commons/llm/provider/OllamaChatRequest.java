package dev.tollgate.commons.llm.provider;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;

/**
 * An OpenAI chat request as an Ollama {@code /api/chat} request: messages with plain-text
 * content and base64 {@code images}, tool calls whose arguments are objects, tool results named
 * by {@code tool_name}, sampling options under {@code options}, and {@code stream} always set,
 * since Ollama streams when it is absent.
 */
final class OllamaChatRequest {
    private static final String P = "ollama";

    private static final Map<String, String> OPTIONS = Map.of("temperature", "temperature", "top_p", "top_p",
            "max_tokens", "num_predict", "stop", "stop", "seed", "seed", "presence_penalty", "presence_penalty",
            "frequency_penalty", "frequency_penalty");

    private OllamaChatRequest() {
    }

    static ObjectNode from(ObjectNode body, String model, boolean stream) {
        ArrayNode messages = OpenAiRequests.messages(P, body);
        if (body.path("n").asInt(1) > 1) {
            throw new UnsupportedRequestException(P + ": n: " + body.get("n") + " (expected: 1, Ollama gives one answer)");
        }
        Map<String, String> toolNames = OpenAiRequests.toolNamesById(messages);
        ObjectNode out = Json.object();
        out.put("model", model);
        ArrayNode converted = out.putArray("messages");
        for (int i = 0; i < messages.size(); i++) {
            converted.add(message(messages.get(i), toolNames, "messages[" + i + "]"));
        }
        out.put("stream", stream);
        if (body.get("tools") instanceof ArrayNode tools && !tools.isEmpty()) {
            out.set("tools", tools); // Ollama takes OpenAI's tool shape as it is
        }
        JsonNode format = body.path("response_format");
        switch (format.path("type").asText()) {
            case "json_object" -> out.put("format", "json");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema != null) {
                    out.set("format", schema);
                } else {
                    out.put("format", "json");
                }
            }
            default -> {
                // text, or none
            }
        }
        ObjectNode options = Json.object();
        OpenAiRequests.sampling(body, options, OPTIONS);
        if (!options.isEmpty()) {
            out.set("options", options);
        }
        return out;
    }

    private static ObjectNode message(JsonNode m, Map<String, String> toolNames, String where) {
        String role = m.get("role").asText();
        ObjectNode out = Json.object();
        switch (role) {
            case "system", "developer", "user", "assistant", "tool" -> out.put("role", "developer".equals(role) ? "system" : role);
            default -> throw new UnsupportedRequestException(P + ": " + where + ".role: " + role
                    + " (expected: system, developer, user, assistant or tool)");
        }
        JsonNode content = m.get("content");
        out.put("content", OpenAiRequests.text(content));
        if (content != null && content.isArray()) {
            ArrayNode images = Json.object().arrayNode();
            for (int i = 0; i < content.size(); i++) {
                JsonNode part = content.get(i);
                String type = part.path("type").asText();
                if ("image_url".equals(type)) {
                    images.add(OpenAiRequests.image(P, part, where + ".content[" + i + "]").base64());
                } else if (!"text".equals(type)) {
                    throw new UnsupportedRequestException(P + ": " + where + ".content[" + i + "].type: "
                            + type + " (expected: text or image_url)");
                }
            }
            if (!images.isEmpty()) {
                out.set("images", images);
            }
        }
        JsonNode calls = m.path("tool_calls");
        if (calls.isArray() && !calls.isEmpty()) {
            ArrayNode toolCalls = out.putArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                ObjectNode function = toolCalls.addObject().putObject("function");
                function.put("name", calls.get(i).path("function").path("name").asText());
                function.set("arguments", OpenAiRequests.arguments(P, calls.get(i), where + ".tool_calls[" + i + "]"));
            }
        }
        String toolName = toolNames.get(m.path("tool_call_id").asText());
        if ("tool".equals(role) && toolName != null) {
            out.put("tool_name", toolName);
        }
        return out;
    }
}
