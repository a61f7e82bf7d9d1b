package dev.tollgate.plugins.prometheus;

import dev.tollgate.sdk.metrics.Counter;
import dev.tollgate.sdk.metrics.Family;
import dev.tollgate.sdk.metrics.Histogram;
import dev.tollgate.sdk.metrics.Metrics;

/**
 * The families the plugin records into: Kong's names, labels and buckets, and Tollgate's
 * token-timing histograms. Registered once per node (asking the registry again returns the same
 * families).
 */
final class KongFamilies {
    static final double[] KONG_LATENCY_BUCKETS = {1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000};
    static final double[] UPSTREAM_LATENCY_BUCKETS = {25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000};
    static final double[] AI_LATENCY_BUCKETS = {250, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 10000, 30000,
        60000};
    static final double[] FIRST_TOKEN_BUCKETS = {25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000};
    static final double[] PER_TOKEN_BUCKETS = {1, 2.5, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 200, 500};

    final Family<Counter> requests;
    final Family<Histogram> kongLatency;
    final Family<Histogram> upstreamLatency;
    final Family<Histogram> requestLatency;
    final Family<Counter> bandwidth;
    final Family<Counter> aiRequests;
    final Family<Counter> aiCost;
    final Family<Counter> aiTokens;
    final Family<Histogram> aiProviderLatency;
    final Family<Histogram> aiFirstToken;
    final Family<Histogram> aiPerToken;

    KongFamilies(Metrics m) {
        requests = m.counter("http_requests_total", "HTTP status codes per consumer/service/route",
                "service", "route", "code", "source", "workspace", "consumer");
        kongLatency = m.histogram("kong_latency_ms", "Latency added by the gateway and its plugins per service/route, in ms",
                KONG_LATENCY_BUCKETS, "service", "route", "workspace");
        upstreamLatency = m.histogram("upstream_latency_ms", "Time until the upstream's response headers per service/route, in ms",
                UPSTREAM_LATENCY_BUCKETS, "service", "route", "workspace");
        requestLatency = m.histogram("request_latency_ms", "Total latency of requests per service/route, in ms",
                UPSTREAM_LATENCY_BUCKETS, "service", "route", "workspace");
        bandwidth = m.counter("bandwidth_bytes", "Total bandwidth (ingress/egress) in bytes",
                "service", "route", "direction", "workspace", "consumer");
        String[] ai = {"ai_provider", "ai_model", "cache_status", "vector_db", "embeddings_provider", "embeddings_model",
            "workspace"};
        aiRequests = m.counter("ai_llm_requests_total", "AI requests per provider and model", ai);
        aiCost = m.counter("ai_llm_cost_total", "Cost of AI requests per provider and model, from the price table", ai);
        aiTokens = m.counter("ai_llm_tokens_total", "Tokens of AI requests per provider, model and token type",
                "ai_provider", "ai_model", "cache_status", "vector_db", "embeddings_provider", "embeddings_model",
                "token_type", "workspace");
        aiProviderLatency = m.histogram("ai_llm_provider_latency_ms", "LLM response latency per provider and model, in ms",
                AI_LATENCY_BUCKETS, ai);
        aiFirstToken = m.histogram("ai_llm_time_to_first_token_ms",
                "Time from the request to the first token of a streamed answer, in ms", FIRST_TOKEN_BUCKETS,
                "ai_provider", "ai_model", "workspace");
        aiPerToken = m.histogram("ai_llm_time_per_output_token_ms",
                "Average time per output token after the first of a streamed answer, in ms", PER_TOKEN_BUCKETS,
                "ai_provider", "ai_model", "workspace");
    }
}
