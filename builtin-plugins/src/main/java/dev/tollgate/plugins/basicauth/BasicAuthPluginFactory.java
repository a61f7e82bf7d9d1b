package dev.tollgate.plugins.basicauth;

import java.util.Optional;
import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code basic-auth}: username and password authentication with Kong's configuration, priority and credentials. */
public final class BasicAuthPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "basic-auth";
    // Kong's: after jwt (1450) and key-auth (1250), before acl (950) and the limits.
    static final int PRIORITY = 1100;

    public BasicAuthPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), BasicAuthConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new BasicAuthPlugin(BasicAuthConfig.from(config));
    }

    @Override
    public Optional<CredentialType> credentialType() {
        return Optional.of(BasicAuthCredentials.TYPE);
    }
}
