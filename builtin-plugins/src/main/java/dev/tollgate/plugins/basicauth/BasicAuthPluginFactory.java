package dev.tollgate.plugins.basicauth;

import java.util.Optional;
import java.util.Set;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code basic-auth}: username and password authentication with Kong's configuration, priority and credentials. */
public final class BasicAuthPluginFactory implements PluginFactory {
    static final String NAME = "basic-auth";
    // Kong's: after jwt (1450) and key-auth (1250), before acl (950) and the limits.
    static final int PRIORITY = 1100;
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
        return BasicAuthConfig.SCHEMA;
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
