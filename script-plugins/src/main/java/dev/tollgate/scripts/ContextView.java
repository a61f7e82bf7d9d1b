package dev.tollgate.scripts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.llm.LlmUsage;

/**
 * {@code ctx}: what a script sees of one request, named as the Java SDK's
 * {@link PluginContext}. Parts are made when read; calls in the wrong phase throw the SDK's
 * {@code WrongPhaseException} as in Java.
 */
final class ContextView extends JsObject {
    private static final List<String> KEYS = List.of("phase", "startedAt", "request", "upstream", "upstreamResponse",
            "response", "consumer", "route", "llm", "log", "shared");

    private final PluginContext ctx;

    ContextView(PluginContext ctx) {
        super(KEYS);
        this.ctx = ctx;
    }

    @Override
    Object get(String key) {
        return switch (key) {
            case "phase" -> ctx.phase().name().toLowerCase(Locale.ROOT);
            case "startedAt" -> ctx.startedAt().toEpochMilli();
            case "request" -> new RequestView(ctx.request());
            case "upstream" -> new UpstreamView(ctx.upstreamRequest());
            case "upstreamResponse" -> new UpstreamResponseView(ctx.upstreamResponse());
            case "response" -> new ResponseView(ctx.response());
            case "consumer" -> ctx.identity().consumer().map(ContextView::consumer).orElse(null);
            case "route" -> route(ctx.route());
            case "llm" -> new JsValues.ReadOnlyMap(llm());
            case "log" -> new LogView(ctx.log());
            case "shared" -> new SharedView(ctx);
            default -> null;
        };
    }

    private Map<String, Object> llm() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request", CallLease.offTheClock(() -> ctx.llm().request()).map(ChatView::new).orElse(null));
        m.put("usage", ctx.llm().usage().map(ContextView::usage).orElse(null));
        return m;
    }

    private static Object usage(LlmUsage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", u.provider());
        m.put("requestedModel", u.requestedModel().orElse(null));
        m.put("model", u.model());
        m.put("routeType", u.routeType());
        m.put("promptTokens", u.promptTokens());
        m.put("completionTokens", u.completionTokens());
        m.put("totalTokens", u.totalTokens());
        m.put("cachedPromptTokens", u.cachedPromptTokens());
        m.put("reasoningTokens", u.reasoningTokens());
        m.put("tokensCounted", u.tokensCounted());
        m.put("cost", u.cost().isPresent() ? u.cost().getAsDouble() : null);
        m.put("latencyMs", u.latencyMillis());
        m.put("timeToFirstTokenMs", u.timeToFirstTokenMillis());
        m.put("timePerOutputTokenMs", u.timePerOutputTokenMillis());
        m.put("status", u.status());
        m.put("cacheStatus", u.cacheStatus().orElse(null));
        return new JsValues.ReadOnlyMap(m);
    }

    private static Object consumer(ConsumerInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("username", c.username());
        m.put("customId", c.customId());
        m.put("tags", c.tags());
        return new JsValues.ReadOnlyMap(m);
    }

    private static Object route(RouteInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("routeId", r.routeId());
        m.put("routeName", r.routeName().orElse(null));
        m.put("serviceId", r.serviceId());
        m.put("serviceName", r.serviceName().orElse(null));
        return new JsValues.ReadOnlyMap(m);
    }
}
