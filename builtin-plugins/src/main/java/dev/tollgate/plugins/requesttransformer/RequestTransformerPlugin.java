package dev.tollgate.plugins.requesttransformer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.UpstreamRequest;

/**
 * Changes the request before it goes upstream, as Kong's {@code request-transformer}: headers,
 * query string, form or JSON body, and path. Values are literal: Kong's {@code $(...)}
 * templates are refused by the configuration.
 */
final class RequestTransformerPlugin implements Plugin {
    private static final String HOST = "host";

    private final RequestTransformerConfig config;

    RequestTransformerPlugin(RequestTransformerConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        config.httpMethod().ifPresent(ctx.upstreamRequest()::setMethod);
        if (!config.headers().isEmpty()) {
            headers(ctx, config.headers());
        }
        if (!config.querystring().isEmpty()) {
            UpstreamRequest upstream = ctx.upstreamRequest();
            FormPairs query = FormPairs.parse(upstream.rawQuery());
            if (query.apply(config.querystring())) {
                upstream.setRawQuery(query.toString());
            }
        }
        if (!config.body().isEmpty()) {
            BodyTransformer.apply(ctx, config.body());
        }
        config.replaceUri().ifPresent(ctx.upstreamRequest()::setPath);
    }

    private static void headers(PluginContext ctx, Rules rules) {
        UpstreamRequest upstream = ctx.upstreamRequest();
        rules.remove().forEach(upstream::removeHeader);
        for (Rules.Entry e : rules.rename()) {
            List<String> values = values(ctx, e.name());
            if (!values.isEmpty() && !e.name().equalsIgnoreCase(e.value())) {
                upstream.removeHeader(e.name());
                set(upstream, e.value(), values);
            }
        }
        for (Rules.Entry e : rules.replace()) {
            // Host is never among the upstream headers until a plugin sets it, yet replacing it is allowed.
            if (upstream.header(e.name()).isPresent() || isHost(e.name())) {
                upstream.setHeader(e.name(), e.value());
            }
        }
        for (Rules.Entry e : rules.add()) {
            if (upstream.header(e.name()).isEmpty() && !isHost(e.name())) {
                upstream.setHeader(e.name(), e.value());
            }
        }
        for (Rules.Entry e : rules.append()) {
            upstream.addHeader(e.name(), e.value());
        }
    }

    /**
     * Every value of a header bound upstream. The SDK shows only the first upstream value; while
     * it is still the client's, the client's other values are the rest.
     */
    private static List<String> values(PluginContext ctx, String name) {
        return ctx.upstreamRequest().header(name).map(first -> {
            List<String> client = ctx.request().headers(name);
            return !client.isEmpty() && client.getFirst().equals(first) ? client : List.of(first);
        }).orElse(List.of());
    }

    private static void set(UpstreamRequest upstream, String name, List<String> values) {
        upstream.setHeader(name, values.getFirst());
        values.stream().skip(1).forEach(v -> upstream.addHeader(name, v));
    }

    private static boolean isHost(String name) {
        return name.toLowerCase(Locale.ROOT).equals(HOST);
    }

    @Override
    public String toString() {
        return RequestTransformerPluginFactory.NAME + "{headers=" + config.headers() + ", querystring="
                + config.querystring() + ", body=" + config.body() + config.replaceUri().map(u -> ", uri=" + u).orElse("")
                + "}";
    }
}
