package dev.tollgate.plugins.prometheus;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * Provides {@code prometheus}: Kong's plugin. Its log phase records each request into the node's
 * metrics, which the gateway serves at {@code GET /metrics} on the Admin API and the status
 * listener.
 */
public final class PrometheusPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "prometheus";
    /** Kong's number: after the other loggers' access work, before nothing that matters to it. */
    static final int PRIORITY = 13;

    public PrometheusPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.LOG), PrometheusConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new PrometheusPlugin(PrometheusConfig.from(config));
    }
}
