package dev.tollgate.plugins.keyauth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import dev.tollgate.commons.auth.Authentication.Refusal;
import dev.tollgate.commons.auth.Authentication;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Authenticates callers by an API key sent in a header, the query string or the body, as
 * Kong's {@code key-auth} does, and tells the upstream who is calling.
 */
final class KeyAuthPlugin implements Plugin {
    private static final Authentication AUTH = new Authentication(CredentialInfo::id);
    static final String ERR_NO_KEY = "No API key found in request";
    static final String ERR_INVALID_KEY = "Invalid authentication credentials";
    static final String ERR_DUPLICATE_KEY = "Duplicate API key found";

    private final KeyAuthConfig config;

    KeyAuthPlugin(KeyAuthConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        AUTH.access(ctx, config.runOnPreflight(), config.anonymous(), this::authenticate);
    }

    /** Authenticates the caller by its key; returns why it could not. */
    private Optional<Refusal> authenticate(PluginContext ctx) {
        KeyLookup lookup = new KeySearch(config, ctx).find();
        if (lookup instanceof KeyLookup.Duplicate) {
            return refuse(ERR_DUPLICATE_KEY);
        }
        if (!(lookup instanceof KeyLookup.Found(String key)) || key.isEmpty()) {
            return refuse(ERR_NO_KEY);
        }
        Optional<CredentialInfo> credential = ctx.identity().findCredential(KeyAuthCredentials.KIND, key);
        Optional<ConsumerInfo> consumer = credential.flatMap(c -> Authentication.consumerOf(ctx, c));
        if (consumer.isEmpty()) {
            return refuse(ERR_INVALID_KEY);
        }
        AUTH.authenticate(ctx, consumer.get(), credential.get());
        return Optional.empty();
    }

    private Optional<Refusal> refuse(String message) {
        return Optional.of(Refusal.of(message, config.challenge()));
    }

    @Override
    public String toString() {
        return "key-auth " + config;
    }
}
