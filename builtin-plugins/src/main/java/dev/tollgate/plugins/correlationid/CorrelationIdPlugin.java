package dev.tollgate.plugins.correlationid;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Gives each request a correlation id, as Kong's {@code correlation-id}: one the client sent is
 * kept, otherwise one is made and sent upstream; echoed to the client when configured.
 */
final class CorrelationIdPlugin implements Plugin {
    private final CorrelationIdConfig config;
    private final String base = UUID.randomUUID().toString();
    private final AtomicLong counter = new AtomicLong();

    CorrelationIdPlugin(CorrelationIdConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        String id = incoming(ctx).orElse(null);
        if (id == null) {
            id = next(ctx);
            ctx.upstreamRequest().setHeader(config.headerName(), id);
        }
        ctx.put(CorrelationIdPluginFactory.CORRELATION_ID, id);
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        if (!config.echoDownstream()) {
            return;
        }
        // Access did not run when a plugin before this one answered; the answer still gets an id.
        String id = ctx.get(CorrelationIdPluginFactory.CORRELATION_ID)
                .or(() -> incoming(ctx))
                .orElseGet(() -> next(ctx));
        ctx.response().setHeader(config.headerName(), id);
    }

    private Optional<String> incoming(PluginContext ctx) {
        return ctx.request().header(config.headerName()).filter(v -> !v.isEmpty());
    }

    private String next(PluginContext ctx) {
        return config.generator().next(base, counter, ctx.services().clock());
    }

    @Override
    public String toString() {
        return CorrelationIdPluginFactory.NAME + "{header_name=" + config.headerName() + ", generator="
                + config.generator().field() + ", echo_downstream=" + config.echoDownstream() + "}";
    }
}
