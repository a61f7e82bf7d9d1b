package dev.tollgate.commons.llm.provider;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.sse.StreamFraming;

/**
 * Ollama's native API: chat at {@code /api/chat}, embeddings at {@code /api/embed}, on
 * {@code http://localhost:11434} unless {@code upstream_url} says otherwise. Streams are
 * newline-delimited JSON. Ollama needs no key, but a proxy in front of it may want a bearer
 * token.
 */
public final class OllamaProvider implements Provider {
    static final String CHAT_URL = "http://localhost:11434/api/chat";
    static final String EMBED_URL = "http://localhost:11434/api/embed";

    @Override
    public String name() {
        return "ollama";
    }

    @Override
    public ProviderRequest request(RouteType type, ObjectNode body, ModelTarget target, boolean stream) {
        ObjectNode out = switch (type) {
            case CHAT -> OllamaChatRequest.from(body, target.model(), stream);
            case EMBEDDINGS -> {
                OpenAiRequests.embeddingInputs(name(), body); // refuses token arrays
                ObjectNode embed = Json.object();
                embed.put("model", target.model());
                embed.set("input", body.get("input"));
                OpenAiRequests.copy(body, "dimensions", embed, "dimensions");
                yield embed;
            }
            case PRESERVE -> body;
        };
        String url = target.options().upstreamUrl().orElse(type == RouteType.EMBEDDINGS ? EMBED_URL : CHAT_URL);
        return new ProviderRequest("POST", URI.create(url), Map.of(), Json.bytes(out));
    }

    @Override
    public ObjectNode response(RouteType type, ObjectNode body, ModelTarget target) {
        return switch (type) {
            case CHAT -> chatCompletion(body, target.model());
            case EMBEDDINGS -> {
                List<JsonNode> vectors = new ArrayList<>();
                body.path("embeddings").forEach(vectors::add);
                yield OpenAiAnswers.embeddings(model(body, target.model()), vectors,
                        body.path("prompt_eval_count").asLong(0));
            }
            case PRESERVE -> body;
        };
    }

    private static ObjectNode chatCompletion(ObjectNode body, String requestedModel) {
        JsonNode message = body.path("message");
        ArrayNode calls = toolCalls(message);
        ObjectNode choice = OpenAiAnswers.choice(0,
                OpenAiAnswers.assistantMessage(message.path("content").asText(""), calls), finishReason(body, !calls.isEmpty()));
        return OpenAiAnswers.completion(OpenAiAnswers.completionId(), created(body), model(body, requestedModel),
                List.of(choice), usageOf(body).orElse(TokenUsage.NONE));
    }

    static String model(JsonNode body, String requestedModel) {
        String model = OpenAiErrors.text(body, "model");
        return model == null ? requestedModel : model;
    }

    /** Ollama's {@code created_at} (RFC 3339, nanoseconds) in Unix seconds; now if it is missing. */
    static long created(JsonNode body) {
        String at = OpenAiErrors.text(body, "created_at");
        try {
            return at == null ? OpenAiAnswers.now() : OffsetDateTime.parse(at).toEpochSecond();
        } catch (DateTimeParseException e) {
            return OpenAiAnswers.now();
        }
    }

    /** Ollama's tool calls (arguments as objects, ids often absent) as OpenAI's. */
    static ArrayNode toolCalls(JsonNode message) {
        ArrayNode out = Json.object().arrayNode();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode args = function.get("arguments");
            String id = OpenAiErrors.text(call, "id");
            out.add(OpenAiAnswers.toolCall(id == null ? OpenAiAnswers.toolCallId() : id,
                    function.path("name").asText(),
                    args == null ? "{}" : args.isTextual() ? args.asText() : Json.string(args)));
        }
        return out;
    }

    /** Ollama says {@code stop} also when it calls tools; {@code length} when it hit num_predict. */
    static String finishReason(JsonNode body, boolean calledTools) {
        if (calledTools) {
            return "tool_calls";
        }
        return "length".equals(body.path("done_reason").asText()) ? "length" : "stop";
    }

    @Override
    public Optional<TokenUsage> usage(RouteType type, ObjectNode body) {
        return usageOf(body);
    }

    /** {@code prompt_eval_count} and {@code eval_count}, on a final answer or the last line of a stream. */
    static Optional<TokenUsage> usageOf(JsonNode body) {
        if (!body.has("prompt_eval_count") && !body.has("eval_count")) {
            return Optional.empty();
        }
        return Optional.of(new TokenUsage(Math.max(0, body.path("prompt_eval_count").asLong(0)),
                Math.max(0, body.path("eval_count").asLong(0)), 0));
    }

    @Override
    public StreamFraming streamFraming() {
        return StreamFraming.NDJSON;
    }

    @Override
    public StreamTranslator stream(ModelTarget target) {
        return new OllamaStreamTranslator(target.model());
    }

    @Override
    public ObjectNode error(int status, byte[] body) {
        return OpenAiErrors.parse(name(), status, body);
    }

    @Override
    public Map.Entry<String, String> authHeader(String secret) {
        return Map.entry("Authorization", "Bearer " + secret);
    }
}
