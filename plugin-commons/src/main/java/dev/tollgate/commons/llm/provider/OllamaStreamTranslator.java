package dev.tollgate.commons.llm.provider;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.sse.SseEvent;

/**
 * Ollama's streamed chat, one JSON object a line, as OpenAI chunks. Each line holds the next
 * piece of the message; the last one has {@code done: true}, the finish reason and the counts.
 */
final class OllamaStreamTranslator extends TranslatedStream {

    OllamaStreamTranslator(String model) {
        super(model);
    }

    @Override
    public List<ObjectNode> onEvent(SseEvent event) {
        ObjectNode line = Json.tryParseObject(event.data());
        if (line == null) {
            return List.of();
        }
        if (line.has("error")) {
            return List.of(OpenAiErrors.parse("ollama", 500, Json.bytes(line)));
        }
        model = OllamaProvider.model(line, model);
        identify(null, OllamaProvider.created(line));
        JsonNode message = line.path("message");
        ObjectNode delta = Json.object();
        String content = message.path("content").asText("");
        if (!content.isEmpty()) {
            delta.put("content", content);
        }
        OllamaProvider.toolCalls(message).forEach(call -> addToolCall(delta, 0, (ObjectNode) call));
        String finish = null;
        if (line.path("done").asBoolean(false)) {
            done = true;
            finish = OllamaProvider.finishReason(line, calledTools(0));
            OllamaProvider.usageOf(line).ifPresent(u -> usage = u);
        }
        return delta.isEmpty() && finish == null ? List.of() : List.of(chunk(0, delta, finish));
    }
}
