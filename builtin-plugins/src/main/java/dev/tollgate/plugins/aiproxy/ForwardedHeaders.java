package dev.tollgate.plugins.aiproxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.commons.llm.provider.ProviderRequest;

/**
 * Which of the client's headers go on to the provider. As in Kong, the request keeps its headers
 * (tracing ids, {@code anthropic-beta}, {@code OpenAI-Beta}, test headers), except what must not
 * leave the gateway: the client's credentials and cookies (the gateway holds the provider's key),
 * the consumer headers authentication plugins add (who the caller is stays in-house), and the
 * headers that belong to this hop's framing. The provider's own headers win over forwarded ones.
 */
final class ForwardedHeaders {
    private static final Set<String> DROPPED = Set.of(
            "authorization", "proxy-authorization", "apikey", "api-key", "x-api-key", "x-goog-api-key", "cookie",
            "host", "content-length", "content-type", "content-encoding", "transfer-encoding", "accept",
            "accept-encoding", "connection", "keep-alive", "te", "trailer", "upgrade", "expect",
            "proxy-connection", "x-consumer-id", "x-consumer-username", "x-consumer-custom-id",
            "x-consumer-groups", "x-credential-identifier", "x-anonymous-consumer");

    private ForwardedHeaders() {
    }

    /** The headers to forward, first values only, names lower-cased. */
    static Map<String, String> of(Map<String, List<String>> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!values.isEmpty() && !DROPPED.contains(name) && !name.startsWith("x-consumer-")) {
                out.put(name, values.getFirst());
            }
        });
        return out;
    }

    /** The request with the forwarded headers added under the provider's. */
    static ProviderRequest onto(ProviderRequest request, Map<String, String> forwarded) {
        if (forwarded.isEmpty()) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>(forwarded);
        request.headers().forEach((name, value) -> {
            headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
            headers.put(name, value);
        });
        return new ProviderRequest(request.method(), request.uri(), headers, request.body());
    }
}
