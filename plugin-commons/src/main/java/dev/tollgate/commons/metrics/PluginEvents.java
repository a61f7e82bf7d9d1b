package dev.tollgate.commons.metrics;

import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RouteInfo;
import dev.tollgate.sdk.metrics.Metrics;

/**
 * The events built-in plugins count into the node's metrics, whether or not the
 * {@code prometheus} plugin is on: refusals by rate limits and budgets, prompt-guard blocks,
 * sanitizer findings by kind, response-cache lookups. Each family is node-wide; labels are
 * bounded by configuration (plugin, service, route) or by a fixed set of values.
 */
public final class PluginEvents {
    private PluginEvents() {
    }

    /** A rate limit or token budget refused a request: {@code rate_limit_rejections_total}. */
    public static void rateLimited(PluginContext ctx, String plugin) {
        RouteInfo r = ctx.route();
        ctx.services().metrics().counter("rate_limit_rejections_total",
                        "Requests refused by rate-limiting (requests) and ai-rate-limiting (tokens, cost budgets)",
                        "plugin", "service", "route")
                .labels(plugin, service(r), route(r)).inc();
    }

    /** ai-prompt-guard refused a prompt: {@code ai_prompt_guard_blocks_total}. */
    public static void promptBlocked(PluginContext ctx, String reason) {
        RouteInfo r = ctx.route();
        ctx.services().metrics().counter("ai_prompt_guard_blocks_total",
                        "Prompts ai-prompt-guard refused, by reason: denied, not_allowed, too_long, too_costly, unreadable",
                        "reason", "service", "route")
                .labels(reason, service(r), route(r)).inc();
    }

    /** ai-sanitizer found {@code count} pieces of personal data of one kind: {@code ai_sanitizer_findings_total}. */
    public static void sanitizerFound(Metrics metrics, String kind, long count) {
        metrics.counter("ai_sanitizer_findings_total", "Personal data ai-sanitizer found in prompts, by kind (counts only)",
                "kind").labels(kind).inc(count);
    }

    /** ai-response-cache looked an answer up: {@code ai_cache_lookups_total} by status Hit, Miss or Bypass. */
    public static void cacheLookup(Metrics metrics, String status) {
        metrics.counter("ai_cache_lookups_total", "ai-response-cache lookups by status: Hit, Miss, Bypass",
                "status").labels(status).inc();
    }

    private static String service(RouteInfo r) {
        return r == null ? "" : r.serviceName().orElse(r.serviceId());
    }

    private static String route(RouteInfo r) {
        return r == null ? "" : r.routeName().orElse(r.routeId());
    }
}
