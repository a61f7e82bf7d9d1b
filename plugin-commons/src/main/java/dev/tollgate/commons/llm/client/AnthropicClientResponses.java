package dev.tollgate.commons.llm.client;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.provider.AnthropicFormat;
import dev.tollgate.commons.llm.provider.OpenAiProvider;

/** OpenAI's answers (a {@code chat.completion}, an error) in Anthropic's shapes. */
final class AnthropicClientResponses {

    private AnthropicClientResponses() {
    }

    static ObjectNode fromOpenAi(ObjectNode completion) {
        ObjectNode message = start(completion.path("id").asText(null), completion.path("model").asText(""));
        ArrayNode content = message.putArray("content");
        JsonNode choice = completion.path("choices").path(0);
        JsonNode reply = choice.path("message");
        String text = textOf(reply.get("content"));
        if (text.isEmpty() && reply.path("refusal").isTextual()) {
            text = reply.get("refusal").asText();
        }
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : reply.path("tool_calls")) {
            ObjectNode use = content.addObject().put("type", "tool_use").put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", input(call.path("function").get("arguments")));
        }
        message.put("stop_reason", AnthropicFormat.stopReason(choice.path("finish_reason").asText(null)));
        message.putNull("stop_sequence");
        message.set("usage", AnthropicFormat.usage(
                OpenAiProvider.usageOf(completion.get("usage")).orElse(TokenUsage.NONE)));
        return message;
    }

    /**
     * A {@code message} without content, stop reason or usage: the head of an answer, and the
     * {@code message} of a stream's {@code message_start}.
     */
    static ObjectNode start(String openAiId, String model) {
        return Json.object().put("id", messageId(openAiId)).put("type", "message").put("role", "assistant")
                .put("model", model);
    }

    /** Anthropic's ids start with {@code msg_}; OpenAI's one is kept behind it so logs on both sides match. */
    static String messageId(String openAiId) {
        if (openAiId == null || openAiId.isEmpty()) {
            return "msg_" + UUID.randomUUID().toString().replace("-", "");
        }
        if (openAiId.startsWith("msg_")) {
            return openAiId;
        }
        return "msg_" + (openAiId.startsWith("chatcmpl-") ? openAiId.substring(9) : openAiId);
    }

    /** OpenAI's content: a string, or text parts. */
    private static String textOf(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    /**
     * Tool arguments as Anthropic's input object. Models sometimes emit arguments that are not
     * JSON; they are kept under {@code _raw} rather than lost, since Anthropic requires an object.
     */
    private static JsonNode input(JsonNode arguments) {
        String text = arguments == null || arguments.isNull() ? "" : arguments.asText();
        if (text.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // kept raw below
        }
        return Json.object().put("_raw", text);
    }

    /**
     * Anthropic's error for an OpenAI-shaped one. The type follows the status, as Anthropic's
     * API pairs them; a status of 0 (an error inside a stream) reads the OpenAI type instead.
     */
    static ObjectNode error(int status, ObjectNode openAiError) {
        JsonNode error = openAiError == null ? null : openAiError.get("error");
        String message = error != null && error.path("message").isTextual() ? error.get("message").asText()
                : status > 0 ? "upstream answered " + status : "upstream error";
        String type = status > 0 ? AnthropicFormat.errorType(status)
                : AnthropicFormat.errorTypeOf(error == null ? null : error.path("type").asText(null));
        return AnthropicFormat.error(type, message);
    }
}
