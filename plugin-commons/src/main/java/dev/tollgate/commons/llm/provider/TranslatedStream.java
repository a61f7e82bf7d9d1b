package dev.tollgate.commons.llm.provider;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.TokenUsage;

/**
 * What a stream translator keeps: the usage, model and end the provider reported and, for a
 * translation from a provider's own format, one id and timestamp for every chunk (OpenAI repeats
 * them), the role in each choice's first delta and tool call indexes per choice.
 */
abstract class TranslatedStream implements StreamTranslator {
    private final Set<Integer> started = new HashSet<>();
    private final Map<Integer, Integer> toolCalls = new HashMap<>();
    private String id;
    private long created;
    protected String model;
    protected TokenUsage usage;
    protected boolean done;

    TranslatedStream(String model) {
        this.model = model;
    }

    /**
     * Sets the id and timestamp before the first chunk, when the provider gives its own; once a
     * chunk is out they stay as they are.
     */
    protected void identify(String providerId, long createdAt) {
        if (id == null) {
            id = providerId == null ? OpenAiAnswers.completionId() : "chatcmpl-" + providerId;
            created = createdAt > 0 ? createdAt : OpenAiAnswers.now();
        }
    }

    /** A chunk for choice {@code index}; the first one of the choice carries the role. */
    protected ObjectNode chunk(int index, ObjectNode delta, String finishReason) {
        identify(null, 0);
        if (started.add(index)) {
            ObjectNode withRole = Json.object().put("role", "assistant");
            withRole.setAll(delta);
            delta = withRole;
        }
        return OpenAiAnswers.chunk(id, created, model, index, delta, finishReason);
    }

    /** Adds a whole tool call to a delta, numbered within its choice as OpenAI numbers them. */
    protected void addToolCall(ObjectNode delta, int choice, ObjectNode call) {
        int n = toolCalls.merge(choice, 1, Integer::sum) - 1;
        ArrayNode calls = delta.has("tool_calls") ? (ArrayNode) delta.get("tool_calls") : delta.putArray("tool_calls");
        ObjectNode indexed = Json.object().put("index", n);
        indexed.setAll(call);
        calls.add(indexed);
    }

    /** Whether choice {@code index} has made tool calls so far. */
    protected boolean calledTools(int index) {
        return toolCalls.containsKey(index);
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public Optional<TokenUsage> usage() {
        return Optional.ofNullable(usage);
    }

    @Override
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }
}
