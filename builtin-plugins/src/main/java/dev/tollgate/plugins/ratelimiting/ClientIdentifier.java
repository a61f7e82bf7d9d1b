package dev.tollgate.plugins.ratelimiting;

import java.util.Optional;

import dev.tollgate.sdk.PluginContext;

/**
 * Whose counters a request goes to, by {@code limit_by}. Where the chosen identity is missing
 * the client IP stands in, as in Kong. Each identifier carries its kind, so a header value that
 * happens to be someone's IP does not share that IP's counters.
 */
final class ClientIdentifier {

    private ClientIdentifier() {
    }

    /** The identifier, or empty when the request is not limited (limit_by=path, another path). */
    static Optional<String> of(RateLimitingConfig config, PluginContext ctx) {
        if (config.limitBy() == RateLimitingConfig.LimitBy.PATH
                && !config.path().orElseThrow().equals(ctx.request().path())) {
            return Optional.empty();
        }
        var identity = ctx.identity();
        Optional<String> id = switch (config.limitBy()) {
            case CONSUMER -> identity.consumer().map(c -> "consumer:" + c.id())
                    .or(() -> identity.credential().map(c -> "credential:" + c.id()));
            case CREDENTIAL -> identity.credential().map(c -> "credential:" + c.id());
            case IP -> Optional.empty();
            case SERVICE -> Optional.ofNullable(ctx.route().serviceId()).map(s -> "service:" + s);
            case HEADER -> ctx.request().header(config.headerName().orElseThrow()).map(v -> "header:" + v);
            case PATH -> config.path().map(p -> "path:" + p);
        };
        return Optional.of(id.orElseGet(() -> "ip:" + ctx.request().clientIp()));
    }
}
