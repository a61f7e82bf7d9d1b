package dev.tollgate.host.requests;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tollgate.sdk.llm.LlmUsage;

/**
 * One finished request as the live request log keeps it: who, where, how it ended, how long it
 * took, how many bytes, and for AI requests the model, tokens and cost. No bodies unless the
 * node is configured to keep the request body ({@code request-log.bodies}).
 *
 * @param seq              this node's sequence number (newest is highest)
 * @param node             the node's id
 * @param at               when the request arrived
 * @param requestBytes     body bytes read from the client (the declared length of a body streamed unread)
 * @param responseBytes    body bytes sent to the client
 * @param upstreamMillis   until the upstream's response was read to the end, or -1 without one
 * @param usage            the AI call's usage, priced; null for other requests
 * @param body             the request body as sent upstream (after the plugins, the sanitizer's masking
 *                         included), cut to {@code request-log.body-size}; null unless configured
 */
public record RequestEntry(long seq, String node, Instant at, String method, String path, int status,
                           String routeId, String routeName, String serviceId, String serviceName,
                           String consumerId, String consumerName, String clientIp, long latencyMillis,
                           long upstreamMillis, long requestBytes, long responseBytes, String requestId, String traceId,
                           LlmUsage usage, String currency, String body) {

    /** The longest path, and model name, an entry shows; longer ones are cut. */
    static final int MAX_PATH = 2048;
    static final int MAX_NAME = 256;

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The entry as the Admin API shows it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", node + ":" + seq);
        m.put("node_id", node);
        m.put("at", at.toString());
        m.put("method", method);
        m.put("path", cut(path, MAX_PATH));
        m.put("status", status);
        m.put("route", routeId == null ? null : named(routeId, routeName));
        m.put("service", serviceId == null ? null : named(serviceId, serviceName));
        m.put("consumer", consumerId == null ? null : Map.of("id", consumerId, "username", consumerName == null ? "" : consumerName));
        m.put("client_ip", clientIp);
        m.put("latency_ms", latencyMillis);
        m.put("upstream_latency_ms", upstreamMillis);
        m.put("gateway_latency_ms", upstreamMillis < 0 ? latencyMillis : Math.max(0, latencyMillis - upstreamMillis));
        m.put("request_bytes", requestBytes);
        m.put("response_bytes", responseBytes);
        m.put("request_id", cut(requestId, MAX_NAME));
        m.put("trace_id", traceId);
        m.put("ai", usage == null ? null : ai(usage, currency));
        if (body != null) {
            m.put("request_body", body);
        }
        return m;
    }

    private static Map<String, Object> named(String id, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        return m;
    }

    private static Map<String, Object> ai(LlmUsage u, String currency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", u.provider());
        m.put("requested_model", u.requestedModel().map(r -> cut(r, MAX_NAME)).orElse(null));
        m.put("model", cut(u.model(), MAX_NAME));
        m.put("prompt_tokens", u.promptTokens());
        m.put("completion_tokens", u.completionTokens());
        m.put("total_tokens", u.totalTokens());
        m.put("cached_prompt_tokens", u.cachedPromptTokens());
        m.put("reasoning_tokens", u.reasoningTokens());
        m.put("cost", u.cost().isPresent() ? u.cost().getAsDouble() : null);
        m.put("currency", u.cost().isPresent() ? currency : null);
        m.put("cache_status", u.cacheStatus().orElse(null));
        m.put("time_to_first_token_ms", u.timeToFirstTokenMillis());
        return m;
    }

    /** The model that answered, or null for a request without an AI call. */
    public String model() {
        return usage == null ? null : usage.model();
    }
}
