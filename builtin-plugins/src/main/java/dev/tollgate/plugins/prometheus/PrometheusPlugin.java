package dev.tollgate.plugins.prometheus;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RequestTotals;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.llm.LlmUsage;
import dev.tollgate.sdk.metrics.Histogram;
import dev.tollgate.sdk.metrics.Metrics;

/**
 * Kong's {@code prometheus} plugin: records each request, in its log phase, into the families
 * its configuration turns on. Label values are Kong's: the service's and route's names (ids
 * when unnamed), the status code, {@code service} or {@code kong} as the status's source, the
 * workspace {@code default}, and the consumer's username (else custom id) with
 * {@code per_consumer}.
 */
final class PrometheusPlugin implements Plugin {
    static final String WORKSPACE = "default";
    private static final int MAX_ROUTES = 10_000;
    /** Distinct models a node labels; a client names the model on routes without a fixed one. */
    static final int MODEL_LABEL_LIMIT = 500;
    private static final String[] CODES = new String[600];

    static {
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = Integer.toString(i);
        }
    }

    /** A route's latency children, resolved once. */
    private record RouteSeries(String service, String route, Histogram kong, Histogram upstream, Histogram request) {}

    private final PrometheusConfig config;
    private volatile Bound bound;

    /** The families of one registry and the children resolved in it. */
    private record Bound(Metrics metrics, KongFamilies families, ConcurrentHashMap<RouteInfo, RouteSeries> routes) {}

    PrometheusPlugin(PrometheusConfig config) {
        this.config = config;
    }

    @Override
    public void log(PluginContext ctx) {
        Bound b = bind(ctx.services().metrics());
        RouteSeries series = series(b, ctx.route());
        String consumer = config.perConsumer() ? consumer(b.metrics(), ctx.identity().consumer()) : "";
        RequestTotals totals = ctx.totals();
        if (config.statusCodeMetrics()) {
            int status = ctx.response().status();
            b.families().requests.labels(series.service(), series.route(), code(status),
                    totals.fromUpstream() ? "service" : "kong", WORKSPACE, consumer).inc();
        }
        if (config.bandwidthMetrics()) {
            if (totals.requestBytes() > 0) {
                b.families().bandwidth.labels(series.service(), series.route(), "ingress", WORKSPACE, consumer)
                        .inc(totals.requestBytes());
            }
            if (totals.responseBytes() > 0) {
                b.families().bandwidth.labels(series.service(), series.route(), "egress", WORKSPACE, consumer)
                        .inc(totals.responseBytes());
            }
        }
        // A sampled trace becomes the buckets' exemplar, so a slow bucket leads to its trace.
        String traceId = totals.sampled() ? totals.traceId().orElse(null) : null;
        String spanId = traceId == null ? null : totals.spanId().orElse(null);
        if (config.latencyMetrics()) {
            series.request().observe(totals.latencyMillis(), traceId, spanId);
            if (totals.upstreamLatencyMillis() >= 0) {
                series.upstream().observe(totals.upstreamLatencyMillis(), traceId, spanId);
            }
            series.kong().observe(totals.gatewayLatencyMillis(), traceId, spanId);
        }
        if (config.aiMetrics()) {
            ctx.llm().usage().ifPresent(u -> recordAi(b.families(), u, BoundedLabels.admit(b.metrics(), "ai_model", u.model(),
                    MODEL_LABEL_LIMIT), traceId, spanId));
        }
    }

    private static void recordAi(KongFamilies f, LlmUsage u, String model, String traceId, String spanId) {
        String provider = u.provider();
        String cache = u.cacheStatus().orElse("");
        f.aiRequests.labels(provider, model, cache, "", "", "", WORKSPACE).inc();
        if (u.cost().isPresent() && u.cost().getAsDouble() > 0) {
            f.aiCost.labels(provider, model, cache, "", "", "", WORKSPACE).inc(u.cost().getAsDouble());
        }
        if (u.latencyMillis() >= 0) {
            f.aiProviderLatency.labels(provider, model, cache, "", "", "", WORKSPACE).observe(u.latencyMillis(), traceId, spanId);
        }
        tokens(f, provider, model, cache, "prompt_tokens", u.promptTokens());
        tokens(f, provider, model, cache, "completion_tokens", u.completionTokens());
        tokens(f, provider, model, cache, "total_tokens", u.totalTokens());
        tokens(f, provider, model, cache, "cached_prompt_tokens", u.cachedPromptTokens());
        tokens(f, provider, model, cache, "reasoning_tokens", u.reasoningTokens());
        if (u.timeToFirstTokenMillis() >= 0) {
            f.aiFirstToken.labels(provider, model, WORKSPACE).observe(u.timeToFirstTokenMillis(), traceId, spanId);
        }
        if (u.timePerOutputTokenMillis() >= 0) {
            f.aiPerToken.labels(provider, model, WORKSPACE).observe(u.timePerOutputTokenMillis());
        }
    }

    private static void tokens(KongFamilies f, String provider, String model, String cache, String type, long n) {
        if (n > 0) {
            f.aiTokens.labels(provider, model, cache, "", "", "", type, WORKSPACE).inc(n);
        }
    }

    private String consumer(Metrics metrics, Optional<ConsumerInfo> consumer) {
        if (consumer.isEmpty()) {
            return "";
        }
        ConsumerInfo c = consumer.get();
        String name = c.username() != null ? c.username() : c.customId() != null ? c.customId() : c.id();
        return BoundedLabels.admit(metrics, "consumer", name, config.consumerLabelLimit());
    }

    private Bound bind(Metrics metrics) {
        Bound b = bound;
        if (b == null || b.metrics() != metrics) {
            b = new Bound(metrics, new KongFamilies(metrics), new ConcurrentHashMap<>());
            bound = b;
        }
        return b;
    }

    private static RouteSeries series(Bound b, RouteInfo route) {
        // Keyed by the whole route (ids and names): a renamed route or service gets new labels.
        RouteSeries s = b.routes().get(route);
        if (s == null) {
            if (b.routes().size() >= MAX_ROUTES) {
                b.routes().clear();
            }
            String service = route.serviceName().orElse(route.serviceId());
            String name = route.routeName().orElse(route.routeId());
            KongFamilies f = b.families();
            s = new RouteSeries(service, name, f.kongLatency.labels(service, name, WORKSPACE),
                    f.upstreamLatency.labels(service, name, WORKSPACE), f.requestLatency.labels(service, name, WORKSPACE));
            b.routes().put(route, s);
        }
        return s;
    }

    private static String code(int status) {
        return status >= 0 && status < CODES.length ? CODES[status] : Integer.toString(status);
    }
}
