package dev.tollgate.plugins.auth;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.tollgate.sdk.Consumer;
import dev.tollgate.sdk.Credential;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.UpstreamRequest;

/**
 * What every authentication plugin does once it knows the caller, as Kong's do: record the
 * consumer and tell the upstream through {@code X-Consumer-*} headers; let an unidentified
 * caller in as the configured anonymous consumer; answer a broken set-up with a 500.
 */
public final class Authentication {
    public static final String CONSUMER_ID = "X-Consumer-ID";
    public static final String CONSUMER_USERNAME = "X-Consumer-Username";
    public static final String CONSUMER_CUSTOM_ID = "X-Consumer-Custom-ID";
    public static final String CREDENTIAL_IDENTIFIER = "X-Credential-Identifier";
    public static final String ANONYMOUS_CONSUMER = "X-Anonymous-Consumer";
    public static final String ERR_UNEXPECTED = "An unexpected error occurred";

    private final Function<Credential, String> identifier;

    /** {@code identifier}: what {@code X-Credential-Identifier} carries for this plugin's credentials. */
    public Authentication(Function<Credential, String> identifier) {
        this.identifier = identifier;
    }

    /**
     * Records the caller and tells the upstream. Headers without a value are removed, so a
     * client cannot pass off its own {@code X-Consumer-*} headers as the gateway's.
     * {@code credential} is null for an anonymous consumer.
     */
    public void authenticate(PluginContext ctx, Consumer consumer, Credential credential) {
        ctx.identity().authenticate(consumer, credential);
        UpstreamRequest upstream = ctx.upstreamRequest();
        setOrRemove(upstream, CONSUMER_ID, consumer.id());
        setOrRemove(upstream, CONSUMER_USERNAME, consumer.username());
        setOrRemove(upstream, CONSUMER_CUSTOM_ID, consumer.customId());
        setOrRemove(upstream, CREDENTIAL_IDENTIFIER, credential == null ? null : identifier.apply(credential));
        setOrRemove(upstream, ANONYMOUS_CONSUMER, credential == null ? "true" : null);
    }

    /** Lets the caller through as the configured anonymous consumer; a missing one is a configuration error (500). */
    public void authenticateAnonymous(PluginContext ctx, String idOrUsername) {
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
        authenticate(ctx, anonymous.get(), null);
    }

    /** Logs why and answers 500 {@code {"message":"An unexpected error occurred"}}. */
    public static void unexpected(PluginContext ctx, String why, Throwable cause) {
        ctx.log().log(Level.ERROR, why, cause);
        ctx.response().exit(500, Map.of("message", ERR_UNEXPECTED));
    }

    private static void setOrRemove(UpstreamRequest upstream, String header, String value) {
        if (value == null) {
            upstream.removeHeader(header);
        } else {
            upstream.setHeader(header, value);
        }
    }
}
