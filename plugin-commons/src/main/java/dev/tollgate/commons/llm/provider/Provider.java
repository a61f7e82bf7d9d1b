package dev.tollgate.commons.llm.provider;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.sse.StreamFraming;

/**
 * One provider's API, translated to and from OpenAI's format, the canonical form. Stateless and
 * thread-safe. Requests given to it are OpenAI-format JSON whose {@code model} is already the
 * target's model and whose defaults are applied; it may change the object it is given.
 */
public interface Provider {

    /** The name used in configuration ({@code model.provider}): {@code openai}, {@code anthropic}, ... */
    String name();

    /**
     * The call for a request of {@code type}. For {@link RouteType#PRESERVE} the body is sent
     * unchanged to {@code options.upstream_url} (or the provider's chat endpoint).
     *
     * @throws UnsupportedRequestException when the provider cannot serve the request (the
     *                                     plugin answers 400 with its message)
     */
    ProviderRequest request(RouteType type, ObjectNode body, ModelTarget target, boolean stream);

    /**
     * The call for an OpenAI-format body already written as {@code json}, whose model and
     * defaults are already set, when this provider would send that body unchanged; empty when
     * it would change it, and then {@link #request} is the way.
     */
    default Optional<ProviderRequest> requestAsIs(RouteType type, byte[] json, ModelTarget target, boolean stream) {
        return Optional.empty();
    }

    /** The OpenAI-format answer (chat.completion, or the embeddings list) for a provider's 2xx JSON body. */
    ObjectNode response(RouteType type, ObjectNode body, ModelTarget target);

    /**
     * True when {@link #response} hands back every 2xx answer of {@code type} exactly as it came,
     * unchanged: the provider's bytes are then already the OpenAI-format answer.
     */
    default boolean answersAsIs(RouteType type) {
        return false;
    }

    /** The token counts in a 2xx JSON body in the provider's own format, when it has them. */
    Optional<TokenUsage> usage(RouteType type, ObjectNode body);

    /** How this provider frames streamed answers. */
    default StreamFraming streamFraming() {
        return StreamFraming.SSE;
    }

    /** A translator for one streamed chat answer. */
    StreamTranslator stream(ModelTarget target);

    /**
     * An OpenAI-shaped error {@code {"error":{"message","type","code"}}} for a provider's non-2xx
     * answer; {@code body} may be anything (HTML from a proxy, empty).
     */
    ObjectNode error(int status, byte[] body);

    /** The header that carries a bare API key for this provider ({@code Authorization: Bearer …}, {@code x-api-key: …}). */
    Map.Entry<String, String> authHeader(String secret);
}
