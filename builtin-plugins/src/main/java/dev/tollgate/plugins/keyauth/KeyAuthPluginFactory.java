package dev.tollgate.plugins.keyauth;

import java.util.Optional;
import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code key-auth}: API-key authentication with Kong's configuration, priority and credentials. */
public final class KeyAuthPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "key-auth";
    // Kong's: authentication runs before the limits and AI plugins that act on the consumer.
    static final int PRIORITY = 1250;

    public KeyAuthPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), KeyAuthConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new KeyAuthPlugin(KeyAuthConfig.from(config));
    }

    @Override
    public Optional<CredentialType> credentialType() {
        return Optional.of(KeyAuthCredentials.TYPE);
    }
}
