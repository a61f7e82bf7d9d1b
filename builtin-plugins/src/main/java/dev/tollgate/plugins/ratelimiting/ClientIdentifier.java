package dev.tollgate.plugins.ratelimiting;

import java.util.Optional;

import dev.tollgate.commons.limits.ClientKey;
import dev.tollgate.sdk.PluginContext;

/**
 * Whose counters a request goes to, by {@code limit_by}. Where the chosen identity is missing
 * the client IP stands in, as in Kong.
 */
final class ClientIdentifier {

    private ClientIdentifier() {
    }

    /** The identifier, or empty when the request is not limited (limit_by=path, another path). */
    static Optional<String> of(RateLimitingConfig config, PluginContext ctx) {
        if (config.limitBy() == RateLimitingConfig.LimitBy.PATH) {
            return config.path().filter(p -> p.equals(ctx.request().path())).map(p -> "path:" + p);
        }
        return Optional.of(ClientKey.valueOf(config.limitBy().name()).orIp(ctx, config.headerName()));
    }
}
