package dev.tollgate.plugins.keyauth;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

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
            unexpected(ctx, "credential or consumer look-up failed", e);
            return;
        }
        if (failure.isEmpty()) {
            return;
        }
        if (config.anonymous().isPresent()) {
            authenticateAnonymous(ctx, config.anonymous().get());
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
        setConsumer(ctx, consumer.get(), credential.get());
        return Optional.empty();
    }

    /** Lets the caller through as the configured anonymous consumer; a missing one is a configuration error. */
    private static void authenticateAnonymous(PluginContext ctx, String idOrUsername) {
        Optional<Consumer> anonymous;
        try {
            anonymous = ctx.identity().findConsumer(idOrUsername);
        } catch (RuntimeException e) {
            unexpected(ctx, "anonymous consumer look-up failed", e);
            return;
        }
        if (anonymous.isEmpty()) {
            unexpected(ctx, "anonymous consumer " + idOrUsername + " (config.anonymous) does not exist", null);
            return;
        }
        setConsumer(ctx, anonymous.get(), null);
    }

    private static void unexpected(PluginContext ctx, String why, Throwable cause) {
        ctx.log().log(Level.ERROR, why, cause);
        ctx.response().exit(500, Map.of("message", ERR_UNEXPECTED));
    }

    /**
     * Records the caller and tells the upstream. Headers without a value are removed, so a
     * client cannot pass off its own {@code X-Consumer-*} headers as the gateway's.
     */
    private static void setConsumer(PluginContext ctx, Consumer consumer, Credential credential) {
        ctx.identity().authenticate(consumer, credential);
        UpstreamRequest upstream = ctx.upstreamRequest();
        setOrRemove(upstream, CONSUMER_ID, consumer.id());
        setOrRemove(upstream, CONSUMER_USERNAME, consumer.username());
        setOrRemove(upstream, CONSUMER_CUSTOM_ID, consumer.customId());
        setOrRemove(upstream, CREDENTIAL_IDENTIFIER, credential == null ? null : credential.id());
        setOrRemove(upstream, ANONYMOUS_CONSUMER, credential == null ? "true" : null);
    }

    private static void setOrRemove(UpstreamRequest upstream, String header, String value) {
        if (value == null) {
            upstream.removeHeader(header);
        } else {
            upstream.setHeader(header, value);
        }
    }

    @Override
    public String toString() {
        return "key-auth " + config;
    }
}
