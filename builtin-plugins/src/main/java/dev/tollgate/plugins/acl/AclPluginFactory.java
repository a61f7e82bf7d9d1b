package dev.tollgate.plugins.acl;

import java.util.Optional;
import java.util.Set;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code acl}: allow or deny consumers by group, with Kong's configuration, priority and {@code acls} credentials. */
public final class AclPluginFactory implements PluginFactory {
    static final String NAME = "acl";
    // Kong's: below every authentication plugin, whose consumer it judges, and above the limits.
    static final int PRIORITY = 950;
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
        return AclConfig.SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AclPlugin(AclConfig.from(config));
    }

    @Override
    public Optional<CredentialType> credentialType() {
        return Optional.of(AclCredentials.TYPE);
    }
}
