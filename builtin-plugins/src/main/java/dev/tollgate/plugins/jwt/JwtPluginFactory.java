package dev.tollgate.plugins.jwt;

import java.util.Optional;
import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.ContextKey;
import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code jwt}: JSON Web Token authentication with Kong's configuration, priority and credentials. */
public final class JwtPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "jwt";
    // Kong's: the first of the authentication plugins.
    static final int PRIORITY = 1450;

    /** The token a request authenticated with, for the plugins after {@code jwt} (Kong's {@code authenticated_jwt_token}). */
    public static final ContextKey<String> AUTHENTICATED_TOKEN = ContextKey.of("jwt.authenticated_token", String.class);

    public JwtPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), JwtConfig.SCHEMA);
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
