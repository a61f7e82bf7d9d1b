package dev.tollgate.plugins.ratelimiting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.tollgate.commons.limits.Amounts;
import dev.tollgate.commons.limits.CounterStore;
import dev.tollgate.commons.limits.Window;
import dev.tollgate.sdk.Counters;
import dev.tollgate.sdk.Counters.CounterUnavailableException;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Counts requests per client in fixed windows and refuses those over a limit. As in Kong, the
 * counts are read first and only a request that passes is counted, so refused requests do not
 * push the client's window further; concurrent requests may overshoot a limit by the few that
 * read the same count.
 */
final class RateLimitingPlugin implements Plugin {
    static final String UNEXPECTED_ERROR = "An unexpected error occurred";

    private final RateLimitingConfig config;

    RateLimitingPlugin(RateLimitingConfig config) {
        this.config = config;
    }

    @Override
    public void access(PluginContext ctx) {
        Optional<String> client = ClientIdentifier.of(config, ctx);
        if (client.isEmpty()) {
            return; // limit_by=path and the request is for another path
        }
        long now = ctx.services().clock().millis();
        List<WindowUsage> usage;
        try {
            Counters counters = config.policy().counters(ctx, config.redis());
            usage = read(counters, client.get());
            if (usage.stream().anyMatch(u -> u.count() >= u.limit())) {
                refuse(ctx, usage, now);
                return;
            }
            usage = count(counters, client.get());
        } catch (CounterUnavailableException e) {
            CounterStore.outage(ctx, config.faultTolerant(), e, Map.of("message", UNEXPECTED_ERROR));
            return;
        }
        if (!config.hideClientHeaders()) {
            WindowUsage.headers(usage, now).forEach(ctx.response()::setHeader);
        }
    }

    private List<WindowUsage> read(Counters counters, String client) {
        List<WindowUsage> usage = new ArrayList<>();
        config.limits().forEach((window, limit) ->
                usage.add(new WindowUsage(window, limit, counters.get(key(window, client), window.length()))));
        return usage;
    }

    // The counts increment returns, not the ones read, so concurrent requests see distinct remainders.
    private List<WindowUsage> count(Counters counters, String client) {
        List<WindowUsage> usage = new ArrayList<>();
        config.limits().forEach((window, limit) ->
                usage.add(new WindowUsage(window, limit, counters.increment(key(window, client), window.length(), 1))));
        return usage;
    }

    private void refuse(PluginContext ctx, List<WindowUsage> usage, long now) {
        Map<String, String> headers = new LinkedHashMap<>();
        // Kong leaves Retry-After out as well when headers are hidden.
        if (!config.hideClientHeaders()) {
            headers.putAll(WindowUsage.headers(usage, now));
            headers.put("Retry-After", Long.toString(retryAfter(usage, now)));
        }
        ctx.response().exit(config.errorCode(), Map.of("message", config.errorMessage()), headers);
        dev.tollgate.commons.metrics.PluginEvents.rateLimited(ctx, RateLimitingPluginFactory.NAME);
    }

    /**
     * Seconds until every exceeded window has reset: the request cannot pass before the last of
     * them does. Month and year boundaries do not line up, so this is a maximum, not the longest
     * window's reset.
     */
    private static long retryAfter(List<WindowUsage> usage, long now) {
        return usage.stream().filter(u -> u.count() >= u.limit())
                .mapToLong(u -> u.window().secondsUntilReset(now)).max().orElse(1);
    }

    // The window is in the key as well as in the call, so a store keyed by name alone keeps windows apart.
    private static String key(Window window, String client) {
        return window.field() + "|" + client;
    }

    @Override
    public String toString() {
        return RateLimitingPluginFactory.NAME + config.limits().entrySet().stream()
                .map(e -> e.getKey().field() + "=" + Amounts.text(e.getValue()))
                .collect(Collectors.joining(", ", "{", ", limit_by=" + lower(config.limitBy())
                        + ", policy=" + lower(config.policy()) + "}"));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
