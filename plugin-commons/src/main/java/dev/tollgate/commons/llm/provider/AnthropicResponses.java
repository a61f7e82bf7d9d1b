package dev.tollgate.commons.llm.provider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;

/** Anthropic's answers (a {@code message}, an {@code error}) in OpenAI's shapes. */
final class AnthropicResponses {

    private AnthropicResponses() {
    }

    /**
     * A {@code chat.completion} for a Messages API {@code message}. Text blocks become the
     * content, {@code tool_use} blocks the tool calls; thinking blocks have no OpenAI place and
     * are left out.
     */
    static ObjectNode chatCompletion(ObjectNode message, String fallbackModel) {
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = Json.MAPPER.createArrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> toolCall(toolCalls.addObject(), block.path("id").asText(),
                        block.path("name").asText(), Json.string(inputOf(block)));
                default -> {
                    // thinking, redacted_thinking, server tool blocks
                }
            }
        }
        ObjectNode out = Json.object();
        out.put("id", message.path("id").asText("msg_unknown"));
        out.put("object", "chat.completion");
        out.put("created", Instant.now().getEpochSecond());
        out.put("model", message.path("model").asText(fallbackModel));
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
        ObjectNode reply = choice.putObject("message").put("role", "assistant");
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            reply.putNull("content"); // as OpenAI answers a pure tool call
        } else {
            reply.put("content", text.toString());
        }
        if (!toolCalls.isEmpty()) {
            reply.set("tool_calls", toolCalls);
        }
        reply.putNull("refusal");
        choice.putNull("logprobs");
        String finish = AnthropicFormat.finishReason(OpenAiErrors.text(message, "stop_reason"));
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        AnthropicFormat.usageOf(message.get("usage")).ifPresent(u -> out.set("usage", usage(u)));
        return out;
    }

    /** OpenAI's {@code tool_calls[]} entry, or its first streamed delta when {@code index} is set by the caller. */
    static ObjectNode toolCall(ObjectNode into, String id, String name, String arguments) {
        into.put("id", id).put("type", "function");
        into.putObject("function").put("name", name).put("arguments", arguments);
        return into;
    }

    private static JsonNode inputOf(JsonNode toolUse) {
        JsonNode input = toolUse.get("input");
        return input != null && input.isObject() ? input : Json.object();
    }

    /** OpenAI's {@code usage} object. */
    static ObjectNode usage(TokenUsage tokens) {
        ObjectNode usage = Json.object()
                .put("prompt_tokens", tokens.promptTokens())
                .put("completion_tokens", tokens.completionTokens())
                .put("total_tokens", tokens.totalTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", tokens.cachedPromptTokens());
        if (tokens.reasoningTokens() > 0) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", tokens.reasoningTokens());
        }
        return usage;
    }

    /**
     * The OpenAI error for Anthropic's {@code {"type":"error","error":{"type","message"}}}. The
     * Anthropic type is kept as the {@code code}: OpenAI's types are coarser
     * ({@code overloaded_error} and {@code api_error} are both {@code api_error}).
     */
    static ObjectNode error(int status, byte[] body) {
        ObjectNode parsed = Json.tryParseObject(new String(body, StandardCharsets.UTF_8));
        JsonNode error = parsed == null ? null : parsed.get("error");
        String message = OpenAiErrors.text(error, "message");
        if (message == null) {
            return OpenAiErrors.fromStatus("anthropic", status, body);
        }
        String type = OpenAiErrors.text(error, "type");
        return OpenAiErrors.of(message, AnthropicFormat.openAiErrorType(type, status), type);
    }
}
