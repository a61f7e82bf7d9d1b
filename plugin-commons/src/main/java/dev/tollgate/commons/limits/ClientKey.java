package dev.tollgate.commons.limits;

import java.util.Optional;

import dev.tollgate.sdk.PluginContext;

/**
 * Whose counters a request goes to. Each key carries its kind, so a header value that happens
 * to be someone's IP does not share that IP's counters.
 */
public enum ClientKey {
    /** The consumer; the credential for a credential without a consumer. */
    CONSUMER,
    CREDENTIAL,
    IP,
    SERVICE,
    ROUTE,
    /** A request header's value; the header's name is configured beside. */
    HEADER;

    /** What a configured header name must match: an HTTP token. */
    public static final String HEADER_NAME = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";

    /** The request's key, or empty when it has none of this kind (nobody authenticated, no such header). */
    public Optional<String> of(PluginContext ctx, Optional<String> headerName) {
        var identity = ctx.identity();
        return switch (this) {
            case CONSUMER -> identity.consumer().map(c -> "consumer:" + c.id())
                    .or(() -> identity.credential().map(c -> "credential:" + c.id()));
            case CREDENTIAL -> identity.credential().map(c -> "credential:" + c.id());
            case IP -> Optional.of(ip(ctx));
            case SERVICE -> Optional.ofNullable(ctx.route().serviceId()).map(s -> "service:" + s);
            case ROUTE -> Optional.ofNullable(ctx.route().routeId()).map(r -> "route:" + r);
            case HEADER -> ctx.request().header(headerName.orElseThrow()).map(v -> "header:" + v);
        };
    }

    /** The request's key, else its client IP, as Kong falls back when the chosen identity is missing. */
    public String orIp(PluginContext ctx, Optional<String> headerName) {
        return of(ctx, headerName).orElseGet(() -> ip(ctx));
    }

    private static String ip(PluginContext ctx) {
        return "ip:" + ctx.request().clientIp();
    }
}
