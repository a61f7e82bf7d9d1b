package dev.tollgate.commons.llm.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;

/**
 * Google's Gemini API (generativelanguage.googleapis.com, v1beta). Chat goes to
 * {@code models/{model}:generateContent}, or {@code :streamGenerateContent?alt=sse} when
 * streamed; embeddings to {@code :embedContent} for one text and {@code :batchEmbedContents}
 * for a list. {@code upstream_url} is either such a full method URL (its method is switched to
 * the one the request needs, so one URL serves streamed and whole answers) or a base URL to
 * which {@code /models/{model}:{method}} is added.
 */
public final class GeminiProvider implements Provider {
    static final String BASE = "https://generativelanguage.googleapis.com/v1beta";
    private static final Set<String> METHODS =
            Set.of("generateContent", "streamGenerateContent", "embedContent", "batchEmbedContents");

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public ProviderRequest request(RouteType type, ObjectNode body, ModelTarget target, boolean stream) {
        String model = modelName(target.model());
        return switch (type) {
            case CHAT -> post(target, stream ? "streamGenerateContent" : "generateContent", stream,
                    GeminiChatRequest.from(body));
            case PRESERVE -> post(target, stream ? "streamGenerateContent" : "generateContent", stream, body);
            case EMBEDDINGS -> {
                List<String> inputs = OpenAiRequests.embeddingInputs(name(), body);
                JsonNode dimensions = body.get("dimensions");
                if (body.path("input").isTextual()) {
                    yield post(target, "embedContent", false, embedRequest(model, inputs.getFirst(), dimensions));
                }
                ObjectNode batch = Json.object();
                ArrayNode requests = batch.putArray("requests");
                inputs.forEach(text -> requests.add(embedRequest(model, text, dimensions)));
                yield post(target, "batchEmbedContents", false, batch);
            }
        };
    }

    private static ObjectNode embedRequest(String model, String text, JsonNode dimensions) {
        ObjectNode request = Json.object();
        request.put("model", "models/" + model);
        request.putObject("content").putArray("parts").addObject().put("text", text);
        if (dimensions != null && dimensions.isNumber()) {
            request.set("outputDimensionality", dimensions);
        }
        return request;
    }

    private ProviderRequest post(ModelTarget target, String method, boolean sse, ObjectNode body) {
        return new ProviderRequest("POST", uri(target, method, sse), Map.of(), Json.bytes(body));
    }

    static URI uri(ModelTarget target, String method, boolean sse) {
        String url = target.options().upstreamUrl()
                .orElse(BASE + "/models/" + modelName(target.model()) + ":" + method);
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        List<String> query = new ArrayList<>();
        if (q >= 0) {
            for (String param : url.substring(q + 1).split("&")) {
                if (!param.isEmpty() && !param.startsWith("alt=")) {
                    query.add(param);
                }
            }
        }
        int colon = path.lastIndexOf(':');
        if (colon >= 0 && METHODS.contains(path.substring(colon + 1))) {
            path = path.substring(0, colon + 1) + method;
        } else {
            path = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
                    + "/models/" + modelName(target.model()) + ":" + method;
        }
        if (sse) {
            query.add("alt=sse");
        }
        return URI.create(query.isEmpty() ? path : path + "?" + String.join("&", query));
    }

    /** The model id, also when configured as Gemini's resource name {@code models/…}. */
    static String modelName(String model) {
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    @Override
    public ObjectNode response(RouteType type, ObjectNode body, ModelTarget target) {
        if (type == RouteType.EMBEDDINGS) {
            List<JsonNode> vectors = new ArrayList<>();
            if (body.has("embedding")) {
                vectors.add(body.path("embedding").path("values"));
            } else {
                body.path("embeddings").forEach(e -> vectors.add(e.path("values")));
            }
            return OpenAiAnswers.embeddings(modelName(target.model()), vectors, 0);
        }
        return type == RouteType.CHAT ? GeminiChatResponse.toOpenAi(body, modelName(target.model())) : body;
    }

    @Override
    public Optional<TokenUsage> usage(RouteType type, ObjectNode body) {
        // Embedding answers carry no token counts; the plugin counts those itself.
        return type == RouteType.EMBEDDINGS ? Optional.empty() : GeminiChatResponse.usage(body);
    }

    @Override
    public StreamTranslator stream(ModelTarget target) {
        return new GeminiStreamTranslator(modelName(target.model()));
    }

    @Override
    public ObjectNode error(int status, byte[] body) {
        ObjectNode parsed = Json.tryParseObject(new String(body, StandardCharsets.UTF_8));
        return parsed != null && parsed.get("error") instanceof ObjectNode
                ? openAiError(status, parsed)
                : OpenAiErrors.fromStatus(name(), status, body);
    }

    /**
     * Google's {@code {"error":{"code","message","status","details"}}} in OpenAI's shape: the
     * gRPC status name ({@code INVALID_ARGUMENT}, ...) is the code, and the type follows it, since
     * Google answers a bad API key with 400.
     */
    static ObjectNode openAiError(int status, ObjectNode body) {
        JsonNode error = body.get("error");
        String grpc = OpenAiErrors.text(error, "status");
        boolean badKey = false;
        for (JsonNode detail : error.path("details")) {
            badKey |= "API_KEY_INVALID".equals(detail.path("reason").asText());
        }
        String type = badKey ? "authentication_error" : grpc == null ? OpenAiErrors.typeFor(status) : switch (grpc) {
            case "UNAUTHENTICATED" -> "authentication_error";
            case "PERMISSION_DENIED" -> "permission_error";
            case "RESOURCE_EXHAUSTED" -> "rate_limit_error";
            case "INTERNAL", "UNAVAILABLE", "DEADLINE_EXCEEDED", "UNKNOWN" -> "api_error";
            default -> "invalid_request_error";
        };
        String message = OpenAiErrors.text(error, "message");
        return OpenAiErrors.of(message == null ? "gemini answered " + status : message, type, grpc);
    }

    @Override
    public Map.Entry<String, String> authHeader(String secret) {
        return Map.entry("x-goog-api-key", secret);
    }
}
