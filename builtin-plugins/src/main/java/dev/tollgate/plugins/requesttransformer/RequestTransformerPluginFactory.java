package dev.tollgate.plugins.requesttransformer;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code request-transformer}: Kong's rules that change headers, query string, body and path upstream. */
public final class RequestTransformerPluginFactory implements PluginFactory {
    static final String NAME = "request-transformer";
    // Kong's number: after authentication and limits, so they see the request as the client sent it.
    static final int PRIORITY = 801;
    static final String VERSION = "1.0.0";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS);
    }

    @Override
    public ConfigSchema configSchema() {
        return RequestTransformerConfig.SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new RequestTransformerPlugin(RequestTransformerConfig.from(config));
    }
}
