package dev.tollgate.plugins.acl;

import java.util.Optional;
import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code acl}: allow or deny consumers by group, with Kong's configuration, priority and {@code acls} credentials. */
public final class AclPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "acl";
    // Kong's: below every authentication plugin, whose consumer it judges, and above the limits.
    static final int PRIORITY = 950;

    public AclPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), AclConfig.SCHEMA);
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
