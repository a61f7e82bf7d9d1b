package dev.tollgate.plugins.cors;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code cors}: Kong's cross-origin resource sharing headers and preflight answers. */
public final class CorsPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "cors";
    // Kong's number: above authentication, since browsers send preflights without credentials.
    static final int PRIORITY = 2000;

    public CorsPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS, Phase.HEADER_FILTER), CorsConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new CorsPlugin(CorsConfig.from(config));
    }
}
