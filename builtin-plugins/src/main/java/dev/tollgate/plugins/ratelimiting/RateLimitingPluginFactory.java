package dev.tollgate.plugins.ratelimiting;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** {@code rate-limiting}: Kong's fixed-window request limits per second, minute, hour, day, month and year. */
public final class RateLimitingPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "rate-limiting";
    // Kong's number: below the authentication plugins, so limit_by=consumer sees who is calling.
    static final int PRIORITY = 910;

    public RateLimitingPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), RateLimitingConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new RateLimitingPlugin(RateLimitingConfig.from(config));
    }
}
