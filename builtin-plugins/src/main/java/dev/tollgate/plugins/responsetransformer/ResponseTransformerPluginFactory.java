package dev.tollgate.plugins.responsetransformer;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code response-transformer}: Kong's rules that change response headers and JSON bodies. */
public final class ResponseTransformerPluginFactory implements PluginFactory {
    static final String NAME = "response-transformer";
    // Kong's number. Response phases run in ascending priority, so the plugins above this one
    // (cors, the AI plugins) see the response as it left it.
    static final int PRIORITY = 800;
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
        return Set.of(Phase.HEADER_FILTER, Phase.BODY_FILTER);
    }

    @Override
    public ConfigSchema configSchema() {
        return ResponseTransformerConfig.SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new ResponseTransformerPlugin(ResponseTransformerConfig.from(config));
    }
}
