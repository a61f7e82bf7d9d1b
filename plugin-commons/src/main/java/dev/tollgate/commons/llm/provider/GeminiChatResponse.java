package dev.tollgate.commons.llm.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;

/**
 * A Gemini {@code GenerateContentResponse} as an OpenAI {@code chat.completion}, and the pieces
 * of it that the stream translation shares: parts, finish reasons, usage.
 */
final class GeminiChatResponse {
    private GeminiChatResponse() {
    }

    static ObjectNode toOpenAi(ObjectNode body, String requestedModel) {
        List<ObjectNode> choices = new ArrayList<>();
        JsonNode candidates = body.path("candidates");
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            Parts parts = parts(candidate);
            ArrayNode calls = Json.object().arrayNode().addAll(parts.toolCalls());
            String finish = finishReason(candidate, !calls.isEmpty());
            choices.add(OpenAiAnswers.choice(candidate.path("index").asInt(i),
                    OpenAiAnswers.assistantMessage(parts.text(), calls), finish == null ? "stop" : finish));
        }
        if (choices.isEmpty()) {
            // The prompt itself was blocked: Gemini answers with promptFeedback and no candidate.
            choices.add(OpenAiAnswers.choice(0, OpenAiAnswers.assistantMessage("", null),
                    body.path("promptFeedback").has("blockReason") ? "content_filter" : "stop"));
        }
        return OpenAiAnswers.completion(id(body), OpenAiAnswers.now(), model(body, requestedModel), choices,
                usage(body).orElse(TokenUsage.NONE));
    }

    /** The completion id: Gemini's response id where it gives one, so that logs on both sides match. */
    static String id(JsonNode body) {
        String responseId = OpenAiErrors.text(body, "responseId");
        return responseId == null ? OpenAiAnswers.completionId() : "chatcmpl-" + responseId;
    }

    static String model(JsonNode body, String requestedModel) {
        String version = OpenAiErrors.text(body, "modelVersion");
        return version == null ? requestedModel : version;
    }

    /** What a candidate says: its text and its function calls as OpenAI tool calls. */
    record Parts(String text, List<ObjectNode> toolCalls) {
    }

    /** A candidate's text (thought summaries left out) and function calls, with fresh call ids. */
    static Parts parts(JsonNode candidate) {
        StringBuilder text = new StringBuilder();
        List<ObjectNode> calls = new ArrayList<>();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                continue;
            }
            if (part.path("text").isTextual()) {
                text.append(part.get("text").asText());
            }
            JsonNode functionCall = part.get("functionCall");
            if (functionCall != null && functionCall.isObject()) {
                String id = OpenAiErrors.text(functionCall, "id");
                JsonNode args = functionCall.get("args");
                ObjectNode call = OpenAiAnswers.toolCall(id == null ? OpenAiAnswers.toolCallId() : id,
                        functionCall.path("name").asText(), Json.string(args == null ? Json.object() : args));
                String signature = OpenAiErrors.text(part, "thoughtSignature");
                if (signature != null) {
                    // Where Google's own OpenAI-compatible endpoint puts it: clients that keep the
                    // tool call as it came send it back, and Gemini 3 wants it back.
                    call.putObject("extra_content").putObject("google").put("thought_signature", signature);
                }
                calls.add(call);
            }
        }
        return new Parts(text.toString(), calls);
    }

    /** OpenAI's finish reason for a candidate; null while it is not finished. */
    static String finishReason(JsonNode candidate, boolean calledTools) {
        String reason = OpenAiErrors.text(candidate, "finishReason");
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                 "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> "content_filter";
            default -> calledTools ? "tool_calls" : "stop";
        };
    }

    /**
     * The usage in {@code usageMetadata}. Thinking tokens are billed as output, so they count as
     * completion tokens, as OpenAI counts its reasoning tokens.
     */
    static Optional<TokenUsage> usage(JsonNode body) {
        JsonNode usage = body.get("usageMetadata");
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        long prompt = usage.path("promptTokenCount").asLong(0) + usage.path("toolUsePromptTokenCount").asLong(0);
        long thoughts = Math.max(0, usage.path("thoughtsTokenCount").asLong(0));
        long completion = Math.max(0, usage.path("candidatesTokenCount").asLong(0)) + thoughts;
        long cached = usage.path("cachedContentTokenCount").asLong(0);
        return Optional.of(new TokenUsage(Math.max(0, prompt), completion,
                Math.min(Math.max(0, cached), Math.max(0, prompt)), thoughts));
    }
}
