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

    /** The families of one registry, the children resolved in it, and its admitted consumers and models. */
    private record Bound(Metrics metrics, KongFamilies families, ConcurrentHashMap<RouteInfo, RouteSeries> routes,
                         java.util.Set<String> consumers, java.util.Set<String> models,
                         ConcurrentHashMap<AiKey, AiSeries> ai) {}

    private record AiKey(String provider, String model, String cache) {}

    /** One provider, model and cache status's AI children, resolved once. */
    private record AiSeries(dev.tollgate.sdk.metrics.Counter requests, dev.tollgate.sdk.metrics.Counter cost,
                            Histogram providerLatency, dev.tollgate.sdk.metrics.Counter[] tokens, Histogram firstToken,
                            Histogram perToken) {}

    private static final String[] TOKEN_TYPES = {"prompt_tokens", "completion_tokens", "total_tokens", "cached_prompt_tokens",
        "reasoning_tokens"};
    private static final int MAX_AI_SERIES = 10_000;

    PrometheusPlugin(PrometheusConfig config) {
        this.config = config;
    }

    @Override
    public void log(PluginContext ctx) {
        Bound b = bind(ctx.services().metrics());
        RouteSeries series = series(b, ctx.route());
        String consumer = config.perConsumer() ? consumer(b, ctx.identity().consumer()) : "";
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
            ctx.llm().usage().ifPresent(u -> recordAi(b, u, traceId, spanId));
        }
    }

    private static void recordAi(Bound b, LlmUsage u, String traceId, String spanId) {
        String model = BoundedLabels.admit(b.models(), u.model(), MODEL_LABEL_LIMIT);
        AiSeries s = ai(b, new AiKey(u.provider(), model, u.cacheStatus().orElse("")));
        s.requests().inc();
        if (u.cost().isPresent() && u.cost().getAsDouble() > 0) {
            s.cost().inc(u.cost().getAsDouble());
        }
        if (u.latencyMillis() >= 0) {
            s.providerLatency().observe(u.latencyMillis(), traceId, spanId);
        }
        long[] tokens = {u.promptTokens(), u.completionTokens(), u.totalTokens(), u.cachedPromptTokens(), u.reasoningTokens()};
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] > 0) {
                s.tokens()[i].inc(tokens[i]);
            }
        }
        if (u.timeToFirstTokenMillis() >= 0) {
            s.firstToken().observe(u.timeToFirstTokenMillis(), traceId, spanId);
        }
        if (u.timePerOutputTokenMillis() >= 0) {
            s.perToken().observe(u.timePerOutputTokenMillis());
        }
    }

    private static AiSeries ai(Bound b, AiKey k) {
        AiSeries s = b.ai().get(k);
        if (s == null) {
            if (b.ai().size() >= MAX_AI_SERIES) {
                b.ai().clear();
            }
            KongFamilies f = b.families();
            String[] labels = {k.provider(), k.model(), k.cache(), "", "", "", WORKSPACE};
            dev.tollgate.sdk.metrics.Counter[] tokens = new dev.tollgate.sdk.metrics.Counter[TOKEN_TYPES.length];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = f.aiTokens.labels(k.provider(), k.model(), k.cache(), "", "", "", TOKEN_TYPES[i], WORKSPACE);
            }
            s = new AiSeries(f.aiRequests.labels(labels), f.aiCost.labels(labels), f.aiProviderLatency.labels(labels), tokens,
                    f.aiFirstToken.labels(k.provider(), k.model(), WORKSPACE), f.aiPerToken.labels(k.provider(), k.model(), WORKSPACE));
            b.ai().put(k, s);
        }
        return s;
    }

    private String consumer(Bound b, Optional<ConsumerInfo> consumer) {
        if (consumer.isEmpty()) {
            return "";
        }
        ConsumerInfo c = consumer.get();
        String name = c.username() != null ? c.username() : c.customId() != null ? c.customId() : c.id();
        return BoundedLabels.admit(b.consumers(), name, config.consumerLabelLimit());
    }

    private Bound bind(Metrics metrics) {
        Bound b = bound;
        if (b == null || b.metrics() != metrics) {
            b = new Bound(metrics, new KongFamilies(metrics), new ConcurrentHashMap<>(), BoundedLabels.of(metrics, "consumer"),
                    BoundedLabels.of(metrics, "ai_model"), new ConcurrentHashMap<>());
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
