package dev.tollgate.plugins.cors;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code cors}: Kong's cross-origin resource sharing headers and preflight answers. */
public final class CorsPluginFactory implements PluginFactory {
    static final String NAME = "cors";
    // Kong's number: above authentication, since browsers send preflights without credentials.
    static final int PRIORITY = 2000;
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
        return Set.of(Phase.ACCESS, Phase.HEADER_FILTER);
    }

    @Override
    public ConfigSchema configSchema() {
        return CorsConfig.SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new CorsPlugin(CorsConfig.from(config));
    }
}
