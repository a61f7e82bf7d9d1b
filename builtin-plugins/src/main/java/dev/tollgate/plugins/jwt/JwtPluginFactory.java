package dev.tollgate.plugins.jwt;

import java.util.Optional;
import java.util.Set;

import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code jwt}: JSON Web Token authentication with Kong's configuration, priority and credentials. */
public final class JwtPluginFactory implements PluginFactory {
    static final String NAME = "jwt";
    // Kong's: the first of the authentication plugins.
    static final int PRIORITY = 1450;
    static final String VERSION = "1.0.0";

    /** The token a request authenticated with, for the plugins after {@code jwt} (Kong's {@code authenticated_jwt_token}). */
    public static final ContextKey<String> AUTHENTICATED_TOKEN = ContextKey.of("jwt.authenticated_token", String.class);

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
        return JwtConfig.SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new JwtPlugin(JwtConfig.from(config));
    }

    @Override
    public Optional<CredentialType> credentialType() {
        return Optional.of(JwtCredentials.TYPE);
    }
}
