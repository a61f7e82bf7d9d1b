package dev.tollgate.plugins.keyauth;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.plugins.auth.Authentication;
import dev.tollgate.sdk.Consumer;
import dev.tollgate.sdk.Credential;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.UpstreamRequest;

/**
 * Authenticates callers by an API key sent in a header, the query string or the body, as
 * Kong's {@code key-auth} does, and tells the upstream who is calling.
 */
final class KeyAuthPlugin implements Plugin {
    private static final Authentication AUTH = new Authentication(Credential::id);
    static final String ERR_NO_KEY = "No API key found in request";
    static final String ERR_INVALID_KEY = "Invalid authentication credentials";
    static final String ERR_DUPLICATE_KEY = "Duplicate API key found";
    static final String ERR_UNEXPECTED = "An unexpected error occurred";

    static final String CONSUMER_ID = "X-Consumer-ID";
    static final String CONSUMER_USERNAME = "X-Consumer-Username";
    static final String CONSUMER_CUSTOM_ID = "X-Consumer-Custom-ID";
    static final String CREDENTIAL_IDENTIFIER = "X-Credential-Identifier";
    static final String ANONYMOUS_CONSUMER = "X-Anonymous-Consumer";

    private final KeyAuthConfig config;

    KeyAuthPlugin(KeyAuthConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        // Browsers send CORS preflights without credentials; operators may let them through.
        if (!config.runOnPreflight() && ctx.request().method().equalsIgnoreCase("OPTIONS")) {
            return;
        }
        // With an anonymous fallback, auth plugins combine as a logical OR: one that ran first
        // and found a credential is enough.
        if (config.anonymous().isPresent() && ctx.identity().credential().isPresent()) {
            return;
        }
        Optional<String> failure;
        try {
            failure = authenticate(ctx);
        } catch (RuntimeException e) {
            // The credential store failed; answering 401 or going on as anonymous would hide an outage.
            Authentication.unexpected(ctx, "credential or consumer look-up failed", e);
            return;
        }
        if (failure.isEmpty()) {
            return;
        }
        if (config.anonymous().isPresent()) {
            AUTH.authenticateAnonymous(ctx, config.anonymous().get());
        } else {
            ctx.response().exit(401, Map.of("message", failure.get()), Map.of("WWW-Authenticate", config.challenge()));
        }
    }

    /** Authenticates the caller by its key; returns why it could not. */
    private Optional<String> authenticate(PluginContext ctx) {
        KeyLookup lookup = new KeySearch(config, ctx).find();
        if (lookup instanceof KeyLookup.Duplicate) {
            return Optional.of(ERR_DUPLICATE_KEY);
        }
        if (!(lookup instanceof KeyLookup.Found(String key)) || key.isEmpty()) {
            return Optional.of(ERR_NO_KEY);
        }
        Optional<Credential> credential = ctx.identity().findCredential(KeyAuthCredentials.KIND, key);
        if (credential.isEmpty()) {
            return Optional.of(ERR_INVALID_KEY);
        }
        Optional<Consumer> consumer = ctx.identity().findConsumer(credential.get().consumerId());
        if (consumer.isEmpty()) {
            // Stores keep credentials and consumers consistent, so this is a race with a deletion.
            ctx.log().log(Level.WARNING, "credential " + credential.get().id() + " belongs to consumer "
                    + credential.get().consumerId() + ", which does not exist");
            return Optional.of(ERR_INVALID_KEY);
        }
        AUTH.authenticate(ctx, consumer.get(), credential.get());
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "key-auth " + config;
    }
}
