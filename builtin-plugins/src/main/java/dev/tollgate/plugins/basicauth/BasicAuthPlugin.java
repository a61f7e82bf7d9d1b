package dev.tollgate.plugins.basicauth;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.util.Optional;

import dev.tollgate.commons.auth.Authentication.Refusal;
import dev.tollgate.commons.auth.Authentication;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Authenticates callers by a username and password sent as HTTP Basic credentials, as Kong's
 * {@code basic-auth} does: {@code Proxy-Authorization} first, then {@code Authorization}.
 */
final class BasicAuthPlugin implements Plugin {
    private static final Authentication AUTH = new Authentication(CredentialInfo::key);
    static final String ERR_NO_CREDENTIALS = "Unauthorized";
    static final String ERR_INVALID_CREDENTIALS = "Invalid authentication credentials";

    static final String AUTHORIZATION = "Authorization";
    static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

    private final BasicAuthConfig config;

    BasicAuthPlugin(BasicAuthConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        AUTH.access(ctx, true, config.anonymous(), this::authenticate);
    }

    /** Authenticates the caller by its Basic credentials; returns why it could not. */
    private Optional<Refusal> authenticate(PluginContext ctx) {
        Optional<String> proxyHeader = ctx.request().header(PROXY_AUTHORIZATION);
        Optional<String> authHeader = ctx.request().header(AUTHORIZATION);
        if (proxyHeader.isEmpty() && authHeader.isEmpty()) {
            return refuse(ERR_NO_CREDENTIALS);
        }
        // Proxy-Authorization is meant for the gateway: tried first, and hidden whenever asked.
        // Authorization is only consumed (and hidden) when Proxy-Authorization named no credential,
        // so a client can authenticate to the gateway and to the upstream at once.
        Optional<BasicCredentials> given = proxyHeader.flatMap(BasicCredentials::parse);
        hide(ctx, PROXY_AUTHORIZATION);
        Optional<CredentialInfo> credential = given.flatMap(g -> findCredential(ctx, g.username()));
        if (credential.isEmpty()) {
            given = authHeader.flatMap(BasicCredentials::parse);
            hide(ctx, AUTHORIZATION);
            credential = given.flatMap(g -> findCredential(ctx, g.username()));
        }
        if (credential.isEmpty()) {
            // As slow as a wrong password, so response times do not tell which usernames exist.
            given.ifPresent(g -> PasswordHash.matches(g.password(), DECOY_HASH));
            return refuse(ERR_INVALID_CREDENTIALS);
        }
        if (!passwordMatches(ctx, credential.get(), given.get().password())) {
            return refuse(ERR_INVALID_CREDENTIALS);
        }
        Optional<ConsumerInfo> consumer = Authentication.consumerOf(ctx, credential.get());
        if (consumer.isEmpty()) {
            return refuse(ERR_INVALID_CREDENTIALS);
        }
        AUTH.authenticate(ctx, consumer.get(), credential.get());
        return Optional.empty();
    }

    /** A hash of nothing anyone knows, checked when the username is unknown. */
    private static final String DECOY_HASH = PasswordHash.hash(java.util.UUID.randomUUID().toString());

    private Optional<Refusal> refuse(String message) {
        return Optional.of(Refusal.of(message, config.challenge()));
    }

    private static Optional<CredentialInfo> findCredential(PluginContext ctx, String username) {
        return ctx.identity().findCredential(BasicAuthCredentials.KIND, username);
    }

    private static boolean passwordMatches(PluginContext ctx, CredentialInfo credential, String password) {
        if (!(credential.data().get(BasicAuthCredentials.PASSWORD) instanceof String stored)
                || PasswordHash.parse(stored).isEmpty()) {
            ctx.log().log(Level.WARNING, "credential " + credential.id() + " has no password hash Tollgate can read");
            return false;
        }
        return VerifiedPasswords.matches(ctx.services().cache(), password, stored);
    }

    private void hide(PluginContext ctx, String header) {
        if (config.hideCredentials()) {
            ctx.upstreamRequest().removeHeader(header);
        }
    }

    @Override
    public String toString() {
        return "basic-auth " + config;
    }
}
