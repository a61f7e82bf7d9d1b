package dev.tollgate.commons.llm.provider;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.sse.SseEvent;

/**
 * OpenAI's API, which is also the canonical format: requests and answers pass as they are.
 * Subclasses serve the providers that speak the same format at another address.
 */
public class OpenAiProvider implements Provider {
    private static final String BASE = "https://api.openai.com/v1";

    @Override
    public String name() {
        return "openai";
    }

    /** The base URL ({@code …/v1}) when {@code upstream_url} is not set. */
    protected String defaultBase(ModelTarget target) {
        return BASE;
    }

    /** The endpoint for a route type, below the base. */
    protected String path(RouteType type) {
        return type == RouteType.EMBEDDINGS ? "/embeddings" : "/chat/completions";
    }

    protected URI uri(RouteType type, ModelTarget target) {
        return URI.create(target.options().upstreamUrl().orElseGet(() -> defaultBase(target) + path(type)));
    }

    @Override
    public ProviderRequest request(RouteType type, ObjectNode body, ModelTarget target, boolean stream) {
        URI uri = uri(type, target);
        if (type != RouteType.PRESERVE) {
            adapt(type, body, stream);
        }
        return new ProviderRequest("POST", uri, Map.of(), Json.bytes(body));
    }

    /** Only a streamed chat request is adapted by OpenAI's own {@link #adapt}; a subclass that adapts more says so. */
    @Override
    public Optional<ProviderRequest> requestAsIs(RouteType type, byte[] json, ModelTarget target, boolean stream) {
        if (type == RouteType.CHAT && stream) {
            return Optional.empty();
        }
        return Optional.of(new ProviderRequest("POST", uri(type, target), Map.of(), json));
    }

    /** Fits an OpenAI-format body to the server; OpenAI's own needs only the usage asked for. */
    protected void adapt(RouteType type, ObjectNode body, boolean stream) {
        if (type == RouteType.CHAT && stream) {
            // Ask for usage in the stream so tokens are counted from the provider's own numbers.
            JsonNode options = body.get("stream_options");
            ObjectNode so = options instanceof ObjectNode o ? o : body.putObject("stream_options");
            so.put("include_usage", true);
        }
    }

    @Override
    public ObjectNode response(RouteType type, ObjectNode body, ModelTarget target) {
        return body;
    }

    /** OpenAI's answers are the canonical format; a subclass that overrides {@link #response} says what it changes. */
    @Override
    public boolean answersAsIs(RouteType type) {
        return true;
    }

    @Override
    public Optional<TokenUsage> usage(RouteType type, ObjectNode body) {
        return usageOf(body.get("usage"));
    }

    /** OpenAI's {@code usage} object: prompt, completion, cached prompt and reasoning tokens. */
    public static Optional<TokenUsage> usageOf(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completion = usage.path("completion_tokens").asLong(0);
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
        return Optional.of(new TokenUsage(Math.max(0, prompt), Math.max(0, completion),
                Math.min(Math.max(0, cached), Math.max(0, prompt)), Math.min(Math.max(0, reasoning), Math.max(0, completion))));
    }

    @Override
    public StreamTranslator stream(ModelTarget target) {
        return new Passthrough();
    }

    @Override
    public ObjectNode error(int status, byte[] body) {
        return OpenAiErrors.parse(name(), status, body);
    }

    @Override
    public Map.Entry<String, String> authHeader(String secret) {
        return Map.entry("Authorization", "Bearer " + secret);
    }

    /**
     * OpenAI chunks pass as they are, but for what {@code fix} changes in each; usage is taken out
     * of the stream and reported; an error object sent mid-stream passes too, as OpenAI's SDKs
     * read it.
     */
    static final class Passthrough extends TranslatedStream {
        private final Consumer<ObjectNode> fix;

        Passthrough() {
            this(chunk -> { });
        }

        Passthrough(Consumer<ObjectNode> fix) {
            super(null);
            this.fix = fix;
        }

        @Override
        public List<ObjectNode> onEvent(SseEvent event) {
            String data = event.data();
            if (data.equals("[DONE]")) {
                done = true;
                return List.of();
            }
            ObjectNode chunk = Json.tryParseObject(data);
            if (chunk == null) {
                return List.of();
            }
            if (model == null && !chunk.path("model").asText("").isEmpty()) { // Azure's first chunk has ""
                model = chunk.get("model").asText();
            }
            JsonNode u = chunk.remove("usage");
            if (u != null && !u.isNull()) {
                usageOf(u).ifPresent(t -> usage = t);
            }
            if (chunk.get("error") instanceof ObjectNode) {
                return List.of(OpenAiErrors.parse("upstream", 500, Json.bytes(chunk)));
            }
            JsonNode choices = chunk.get("choices");
            if (choices == null || !choices.isArray() || choices.isEmpty()) {
                return List.of(); // the usage-only chunk, Azure's prompt filter results, a keep-alive
            }
            fix.accept(chunk);
            return List.of(chunk);
        }
    }
}
