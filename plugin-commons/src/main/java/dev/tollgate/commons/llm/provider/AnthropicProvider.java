package dev.tollgate.commons.llm.provider;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}) behind the OpenAI chat format: requests
 * by {@link AnthropicRequests}, answers by {@link AnthropicResponses}, streams by
 * {@link AnthropicStreamTranslator}. Anthropic has no embeddings API.
 */
public final class AnthropicProvider implements Provider {
    static final String MESSAGES_URL = "https://api.anthropic.com/v1/messages";
    private static final String NO_EMBEDDINGS = "anthropic has no embeddings API";

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public ProviderRequest request(RouteType type, ObjectNode body, ModelTarget target, boolean stream) {
        if (type == RouteType.EMBEDDINGS) {
            throw new UnsupportedRequestException(NO_EMBEDDINGS);
        }
        URI uri = URI.create(target.options().upstreamUrl().orElse(MESSAGES_URL));
        Map<String, String> headers = Map.of("anthropic-version",
                target.options().anthropicVersion().orElse(AnthropicFormat.DEFAULT_VERSION));
        ObjectNode sent = type == RouteType.PRESERVE ? body : AnthropicRequests.messagesRequest(body, stream);
        return new ProviderRequest("POST", uri, headers, Json.bytes(sent));
    }

    /** For {@link RouteType#PRESERVE} too: the client gets Anthropic's body, the gateway reads the translation. */
    @Override
    public ObjectNode response(RouteType type, ObjectNode body, ModelTarget target) {
        if (type == RouteType.EMBEDDINGS) {
            throw new UnsupportedRequestException(NO_EMBEDDINGS);
        }
        return AnthropicResponses.chatCompletion(body, target.model());
    }

    /** Any route type: the body is Anthropic's own message either way. */
    @Override
    public Optional<TokenUsage> usage(RouteType type, ObjectNode body) {
        return AnthropicFormat.usageOf(body.get("usage"));
    }

    @Override
    public StreamTranslator stream(ModelTarget target) {
        return new AnthropicStreamTranslator(target.model());
    }

    @Override
    public ObjectNode error(int status, byte[] body) {
        return AnthropicResponses.error(status, body);
    }

    @Override
    public Map.Entry<String, String> authHeader(String secret) {
        return Map.entry("x-api-key", secret);
    }
}
