package dev.tollgate.plugins.iprestriction;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code ip-restriction}: allow and deny lists of IP addresses and CIDR ranges, with Kong's configuration. */
public final class IpRestrictionPluginFactory implements PluginFactory {
    static final String NAME = "ip-restriction";
    // Kong's number: after authentication, so the plugin can be scoped to a consumer; before the limits.
    static final int PRIORITY = 990;
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
        return IpRestrictionConfig.SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new IpRestrictionPlugin(IpRestrictionConfig.from(config));
    }
}
