package dev.tollgate.plugins.aiproxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Answers AI routes itself: in access it takes over the upstream call with an {@link AiExchange},
 * which runs once every other request plugin (prompt decorators, guards, PII masking) has had
 * its say. {@code GET …/models} is answered with the configured models.
 */
final class AiProxyPlugin implements Plugin {
    static final String METHOD_NOT_ALLOWED = "only POST is served on this AI route";

    private final AiProxyConfig config;
    private final TargetPool pool;
    private final ClientFormat format;

    AiProxyPlugin(AiProxyConfig config) {
        this(config, Clock.systemUTC());
    }

    AiProxyPlugin(AiProxyConfig config, Clock clock) {
        this.config = config;
        this.pool = new TargetPool(config.targets(), config.balancer(), clock);
        this.format = config.anthropicClients() ? AnthropicClients.INSTANCE : OpenAiClientFormat.INSTANCE;
    }

    TargetPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.retire();
    }

    @Override
    public void access(PluginContext ctx) {
        pool.bind(ctx.services().metrics());
        String method = ctx.request().method();
        if (method.equals("GET") && ctx.request().path().endsWith("/models")) {
            ctx.response().exit(200, models());
            return;
        }
        if (!method.equals("POST")) {
            ctx.response().exit(405, Map.of("error", Map.of("message", METHOD_NOT_ALLOWED,
                    "type", "invalid_request_error", "code", "method_not_allowed")), Map.of("Allow", "POST"));
            return;
        }
        long startNanos = System.nanoTime() - Duration.between(ctx.startedAt(), Instant.now()).toNanos();
        ctx.upstreamRequest().setHandler(new AiExchange(config, pool, format, startNanos, hashKey(ctx)));
    }

    /** What consistent hashing hashes: the configured header, else the consumer, else the client's address. */
    private String hashKey(PluginContext ctx) {
        if (config.balancer().algorithm() != BalancerConfig.Algorithm.CONSISTENT_HASHING) {
            return null;
        }
        return config.balancer().hashOnHeader().flatMap(h -> ctx.request().header(h))
                .or(() -> ctx.identity().consumer().map(c -> c.id()))
                .orElseGet(() -> ctx.request().clientIp());
    }

    /** OpenAI's model list, from the configured targets. */
    private Map<String, Object> models() {
        List<Object> data = new ArrayList<>();
        long created = Instant.now().getEpochSecond();
        for (TargetConfig t : config.targets()) {
            t.modelName().ifPresent(name -> {
                Map<String, Object> model = new java.util.LinkedHashMap<>();
                model.put("id", name);
                model.put("object", "model");
                model.put("created", created);
                model.put("owned_by", t.provider());
                data.add(model);
            });
        }
        Map<String, Object> list = new java.util.LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", data);
        return list;
    }
}
