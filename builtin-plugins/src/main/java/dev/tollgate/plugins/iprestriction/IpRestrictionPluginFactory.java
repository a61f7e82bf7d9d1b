package dev.tollgate.plugins.iprestriction;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code ip-restriction}: allow and deny lists of IP addresses and CIDR ranges, with Kong's configuration. */
public final class IpRestrictionPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ip-restriction";
    // Kong's number: after authentication, so the plugin can be scoped to a consumer; before the limits.
    static final int PRIORITY = 990;

    public IpRestrictionPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), IpRestrictionConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new IpRestrictionPlugin(IpRestrictionConfig.from(config));
    }
}
