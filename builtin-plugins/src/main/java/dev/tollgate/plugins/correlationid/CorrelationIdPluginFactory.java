package dev.tollgate.plugins.correlationid;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code correlation-id}: Kong's per-request id header, sent upstream and optionally back. */
public final class CorrelationIdPluginFactory extends BuiltinPluginFactory {
    /**
     * The request's correlation id, for the plugins after {@code correlation-id} (loggers): the
     * client's own, or the one made for it. Absent when the plugin does not apply to the request.
     */
    public static final ContextKey<String> CORRELATION_ID = ContextKey.of("correlation-id", String.class);

    static final String NAME = "correlation-id";
    // Kong's open-source number (its Enterprise edition uses 100001): the id is set after the other
    // plugins' access phases and echoed before their header filters.
    static final int PRIORITY = 1;

    public CorrelationIdPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS, Phase.HEADER_FILTER), CorrelationIdConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new CorrelationIdPlugin(CorrelationIdConfig.from(config));
    }
}
