package dev.tollgate.plugins.keyauth;

import java.util.Optional;
import java.util.Set;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code key-auth}: API-key authentication with Kong's configuration, priority and credentials. */
public final class KeyAuthPluginFactory implements PluginFactory {

    @Override
    public String name() {
        return "key-auth";
    }

    /** Kong's: authentication runs before the limits and AI plugins that act on the consumer. */
    @Override
    public int priority() {
        return 1250;
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS);
    }

    @Override
    public ConfigSchema configSchema() {
        return KeyAuthConfig.SCHEMA;
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
