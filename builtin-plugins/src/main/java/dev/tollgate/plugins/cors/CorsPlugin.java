package dev.tollgate.plugins.cors;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.ClientResponse;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Cross-origin resource sharing, as Kong's {@code cors}: answers preflights itself (or lets the
 * upstream answer them) and adds the Access-Control headers to other responses.
 */
final class CorsPlugin implements Plugin {
    private static final java.util.regex.Pattern VARY_ORIGIN = java.util.regex.Pattern.compile("(.*,)?\\s*(origin|\\*)\\s*(,.*)?");
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String MAX_AGE = "Access-Control-Max-Age";
    static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    static final String ALLOW_PRIVATE_NETWORK = "Access-Control-Allow-Private-Network";
    static final String REQUEST_METHOD = "Access-Control-Request-Method";
    static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    static final String REQUEST_PRIVATE_NETWORK = "Access-Control-Request-Private-Network";
    static final String VARY = "Vary";

    /** Set for a preflight: its answer (ours or the upstream's) gets no headers in header_filter. */
    private static final ContextKey<Boolean> PREFLIGHT = ContextKey.of("cors.preflight", Boolean.class);

    private final CorsConfig config;
    private final OriginPolicy origins;

    CorsPlugin(CorsConfig config) {
        this.config = requireNonNull(config, "config");
        this.origins = OriginPolicy.of(config.origins());
    }

    @Override
    public void access(PluginContext ctx) {
        Optional<String> origin = ctx.request().header("Origin");
        if (!ctx.request().method().equals("OPTIONS") || origin.isEmpty()
                || ctx.request().header(REQUEST_METHOD).isEmpty()) {
            return;
        }
        ctx.put(PREFLIGHT, Boolean.TRUE);
        if (config.preflightContinue()) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        OriginPolicy.Decision decision = allowedOrigin(origin);
        decision.allowOrigin().ifPresent(o -> headers.put(ALLOW_ORIGIN, o));
        if (decision.varyByOrigin()) {
            headers.put(VARY, "Origin");
        }
        if (config.credentials() && (!decision.allowAll() || origin.isPresent())) {
            headers.put(ALLOW_CREDENTIALS, "true");
        }
        if (!config.headers().isEmpty()) {
            headers.put(ALLOW_HEADERS, String.join(",", config.headers()));
        } else {
            ctx.request().header(REQUEST_HEADERS).ifPresent(h -> headers.put(ALLOW_HEADERS, h));
        }
        headers.put(ALLOW_METHODS, String.join(",", config.methods()));
        config.maxAge().ifPresent(age -> headers.put(MAX_AGE, Long.toString(age)));
        if (config.privateNetwork() && ctx.request().header(REQUEST_PRIVATE_NETWORK).filter("true"::equals).isPresent()) {
            headers.put(ALLOW_PRIVATE_NETWORK, "true");
        }
        ctx.response().exit(200, "", headers);
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        if (ctx.get(PREFLIGHT).isPresent()) {
            return;
        }
        Optional<String> origin = ctx.request().header("Origin");
        if (origin.isEmpty() && !config.allowOriginAbsent()) {
            return;
        }
        ClientResponse response = ctx.response();
        OriginPolicy.Decision decision = allowedOrigin(origin);
        decision.allowOrigin().ifPresentOrElse(o -> response.setHeader(ALLOW_ORIGIN, o),
                () -> response.removeHeader(ALLOW_ORIGIN));
        if (decision.varyByOrigin()) {
            varyByOrigin(response);
        }
        if (config.credentials() && (!decision.allowAll() || origin.isPresent())) {
            response.setHeader(ALLOW_CREDENTIALS, "true");
        }
        if (!config.exposedHeaders().isEmpty()) {
            response.setHeader(EXPOSE_HEADERS, String.join(",", config.exposedHeaders()));
        }
    }

    /**
     * The origin to allow. Browsers refuse credentials with {@code *}, so with credentials on an
     * origin-wide policy answers with the request's own origin, which makes the answer vary by it.
     */
    private OriginPolicy.Decision allowedOrigin(Optional<String> origin) {
        OriginPolicy.Decision decision = origins.decide(origin);
        if (config.credentials() && decision.allowAll() && origin.isPresent()) {
            return new OriginPolicy.Decision(origin, true, true);
        }
        return decision;
    }

    // The upstream may vary by Origin already; a second "Vary: Origin" would only add noise.
    private static void varyByOrigin(ClientResponse response) {
        boolean present = response.header(VARY)
                .map(v -> VARY_ORIGIN.matcher(v.toLowerCase(Locale.ROOT)).matches()).orElse(false);
        if (!present) {
            response.addHeader(VARY, "Origin");
        }
    }

    @Override
    public String toString() {
        return CorsPluginFactory.NAME + "{origins=" + origins + ", credentials=" + config.credentials()
                + ", preflight_continue=" + config.preflightContinue() + "}";
    }
}
