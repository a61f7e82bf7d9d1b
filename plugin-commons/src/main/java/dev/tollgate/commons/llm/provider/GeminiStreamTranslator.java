package dev.tollgate.commons.llm.provider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.sse.SseEvent;

/**
 * Gemini's {@code streamGenerateContent?alt=sse} as OpenAI chunks. Each event is a whole
 * {@code GenerateContentResponse} holding the next piece of each candidate; function calls come
 * whole, in one part. Gemini sends no end marker: the stream is done when every candidate it
 * started has a finish reason.
 */
final class GeminiStreamTranslator extends TranslatedStream {
    private final Set<Integer> open = new HashSet<>();
    private final Set<Integer> finished = new HashSet<>();

    GeminiStreamTranslator(String model) {
        super(model);
    }

    @Override
    public List<ObjectNode> onEvent(SseEvent event) {
        ObjectNode response = Json.tryParseObject(event.data());
        if (response == null) {
            return List.of();
        }
        if (response.get("error") instanceof ObjectNode) {
            return List.of(GeminiProvider.openAiError(500, response));
        }
        model = GeminiChatResponse.model(response, model);
        String responseId = OpenAiErrors.text(response, "responseId");
        identify(responseId, 0);
        GeminiChatResponse.usage(response).ifPresent(u -> usage = u);
        List<ObjectNode> out = new ArrayList<>();
        JsonNode candidates = response.path("candidates");
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            int index = candidate.path("index").asInt(i);
            open.add(index);
            GeminiChatResponse.Parts parts = GeminiChatResponse.parts(candidate);
            ObjectNode delta = Json.object();
            if (!parts.text().isEmpty()) {
                delta.put("content", parts.text());
            }
            parts.toolCalls().forEach(call -> addToolCall(delta, index, call));
            String finish = GeminiChatResponse.finishReason(candidate, calledTools(index));
            if (finish != null) {
                finished.add(index);
            }
            if (!delta.isEmpty() || finish != null) {
                out.add(chunk(index, delta, finish));
            }
        }
        if (candidates.isEmpty() && response.path("promptFeedback").has("blockReason")) {
            out.add(chunk(0, Json.object(), "content_filter"));
            done = true;
        }
        if (!open.isEmpty() && finished.containsAll(open)) {
            done = true;
        }
        return out;
    }
}
