package dev.tollgate.commons.auth;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.RequestBodyTooLargeException;
import dev.tollgate.sdk.UpstreamRequest;

/**
 * What every authentication plugin does once it knows the caller, as Kong's do: record the
 * consumer and tell the upstream through {@code X-ConsumerInfo-*} headers; let an unidentified
 * caller in as the configured anonymous consumer; answer a broken set-up with a 500.
 */
public final class Authentication {
    public static final String CONSUMER_ID = "X-Consumer-ID";
    public static final String CONSUMER_USERNAME = "X-Consumer-Username";
    public static final String CONSUMER_CUSTOM_ID = "X-Consumer-Custom-ID";
    public static final String CREDENTIAL_IDENTIFIER = "X-Credential-Identifier";
    public static final String ANONYMOUS_CONSUMER = "X-Anonymous-Consumer";
    public static final String ERR_UNEXPECTED = "An unexpected error occurred";

    /**
     * Why a caller was not authenticated: the 401's body and its {@code WWW-Authenticate}, if any.
     *
     * @param body      what the client is told, as Kong words it
     * @param challenge the {@code WWW-Authenticate} header's value
     */
    public record Refusal(Map<String, String> body, Optional<String> challenge) {

        /** {@code {"message": message}} with {@code challenge}. */
        public static Refusal of(String message, String challenge) {
            return new Refusal(Map.of("message", message), Optional.of(challenge));
        }
    }

    private final Function<CredentialInfo, String> identifier;

    /** {@code identifier}: what {@code X-CredentialInfo-Identifier} carries for this plugin's credentials. */
    public Authentication(Function<CredentialInfo, String> identifier) {
        this.identifier = identifier;
    }

    /**
     * An authentication plugin's access phase, the way Kong's run it. With an anonymous fallback,
     * authentication plugins combine as a logical OR, so a caller an earlier one authenticated is
     * let through. Otherwise {@code attempt} authenticates the caller or says why it could not; a
     * caller it refuses goes on as the anonymous consumer when there is one and is answered 401
     * when there is not. A failing credential store is answered 500: a 401 or an anonymous pass
     * would hide the outage.
     *
     * @param runOnPreflight whether CORS preflights ({@code OPTIONS}, sent by browsers without
     *                       credentials) are authenticated too; if not they pass untouched
     * @param anonymous      the id or username of the consumer unauthenticated callers go on as
     * @param attempt        authenticates the caller (calling {@link #authenticate}); returns why it could not
     */
    public void access(PluginContext ctx, boolean runOnPreflight, Optional<String> anonymous,
            Function<PluginContext, Optional<Refusal>> attempt) {
        if (!runOnPreflight && ctx.request().method().equalsIgnoreCase("OPTIONS")) {
            return;
        }
        if (anonymous.isPresent() && ctx.identity().credential().isPresent()) {
            return;
        }
        Optional<Refusal> refusal;
        try {
            refusal = attempt.apply(ctx);
        } catch (RequestBodyTooLargeException e) {
            throw e; // the gateway answers 413
        } catch (RuntimeException e) {
            unexpected(ctx, "credential or consumer look-up failed", e);
            return;
        }
        if (refusal.isEmpty()) {
            return;
        }
        if (anonymous.isPresent()) {
            authenticateAnonymous(ctx, anonymous.get());
        } else {
            ctx.response().exit(401, refusal.get().body(),
                    refusal.get().challenge().map(c -> Map.of("WWW-Authenticate", c)).orElse(Map.of()));
        }
    }

    /**
     * The consumer {@code credential} belongs to. Stores keep credentials and consumers
     * consistent, so a missing one is a race with a deletion: logged, and empty.
     */
    public static Optional<ConsumerInfo> consumerOf(PluginContext ctx, CredentialInfo credential) {
        Optional<ConsumerInfo> consumer = ctx.identity().findConsumer(credential.consumerId());
        if (consumer.isEmpty()) {
            ctx.log().log(Level.WARNING, "credential " + credential.id() + " belongs to consumer "
                    + credential.consumerId() + ", which does not exist");
        }
        return consumer;
    }

    /**
     * Records the caller and tells the upstream. Headers without a value are removed, so a
     * client cannot pass off its own {@code X-ConsumerInfo-*} headers as the gateway's.
     * {@code credential} is null for an anonymous consumer.
     */
    public void authenticate(PluginContext ctx, ConsumerInfo consumer, CredentialInfo credential) {
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
        Optional<ConsumerInfo> anonymous;
        try {
            anonymous = ctx.identity().findConsumer(idOrUsername);
        } catch (RequestBodyTooLargeException e) {
            throw e; // the gateway answers 413
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
            upstream.setHeader(header, dev.tollgate.commons.support.HeaderText.of(value));
        }
    }
}
