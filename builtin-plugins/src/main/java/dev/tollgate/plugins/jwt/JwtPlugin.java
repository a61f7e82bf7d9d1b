package dev.tollgate.plugins.jwt;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.commons.auth.Authentication.Refusal;
import dev.tollgate.commons.auth.Authentication;
import dev.tollgate.commons.json.JsonNull;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Authenticates callers by a signed JSON Web Token, as Kong's {@code jwt} does: the token names
 * a credential in its key claim, and must be signed with that credential's algorithm and secret
 * or public key.
 */
final class JwtPlugin implements Plugin {
    /** Parsed public keys by their PEM text: parsing is far dearer than verifying. */
    private static final ConcurrentHashMap<String, PublicKey> PARSED_KEYS = new ConcurrentHashMap<>();
    private static final Authentication AUTH = new Authentication(CredentialInfo::key);
    static final String ERR_NO_TOKEN = "Unauthorized";
    static final String ERR_MULTIPLE_TOKENS = "Multiple tokens provided";
    static final String ERR_BAD_TOKEN = "Bad token; ";
    static final String ERR_NO_KEY_CLAIM = "No mandatory '%s' in claims";
    static final String ERR_INVALID_KEY_CLAIM = "Invalid '%s' in claims";
    static final String ERR_NO_CREDENTIAL = "No credentials found for given '%s'";
    static final String ERR_INVALID_ALGORITHM = "Invalid algorithm";
    static final String ERR_INVALID_SECRET = "Invalid key/secret";
    static final String ERR_INVALID_SIGNATURE = "Invalid signature";
    static final String ERR_NO_CONSUMER = "Could not find consumer for '%s=%s'";

    private final JwtConfig config;

    JwtPlugin(JwtConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        AUTH.access(ctx, config.runOnPreflight(), config.anonymous(), this::authenticate);
    }

    /** Authenticates the caller by its token; returns why it could not. */
    private Optional<Refusal> authenticate(PluginContext ctx) {
        Set<String> tokens = TokenSearch.tokens(config, ctx.request());
        if (tokens.isEmpty()) {
            return Optional.of(Refusal.of(ERR_NO_TOKEN, config.challenge()));
        }
        if (tokens.size() > 1) {
            return invalid(ERR_MULTIPLE_TOKENS);
        }
        String token = tokens.iterator().next();
        DecodedJwt jwt;
        try {
            jwt = DecodedJwt.decode(token);
        } catch (DecodedJwt.MalformedException e) {
            return invalid(ERR_BAD_TOKEN + e.getMessage());
        }
        String claim = config.keyClaimName();
        // A claim set to null counts as absent: the header is asked instead.
        Object key = present(jwt.claims(), claim) ? jwt.claims().get(claim) : jwt.header().get(claim);
        if (key == null || key == JsonNull.NULL) {
            return invalid(ERR_NO_KEY_CLAIM.formatted(claim));
        }
        if (!(key instanceof String k) || k.isEmpty()) {
            return invalid(ERR_INVALID_KEY_CLAIM.formatted(claim));
        }
        Optional<CredentialInfo> found = ctx.identity().findCredential(JwtCredentials.KIND, k);
        if (found.isEmpty()) {
            return invalid(ERR_NO_CREDENTIAL.formatted(claim));
        }
        CredentialInfo credential = found.get();
        Optional<Refusal> bad = verify(ctx, jwt, credential);
        if (bad.isPresent()) {
            return bad;
        }
        Optional<ConsumerInfo> consumer = Authentication.consumerOf(ctx, credential);
        if (consumer.isEmpty()) {
            return Optional.of(new Refusal(Map.of("message", ERR_NO_CONSUMER.formatted(claim, k)), Optional.empty()));
        }
        AUTH.authenticate(ctx, consumer.get(), credential);
        ctx.put(JwtPluginFactory.AUTHENTICATED_TOKEN, token);
        return Optional.empty();
    }

    /** The signature, then the registered claims, against the credential the token names. */
    private Optional<Refusal> verify(PluginContext ctx, DecodedJwt jwt, CredentialInfo credential) {
        String expected = credential.data().get(JwtCredentials.ALGORITHM) instanceof String a ? a : JwtCredentials.DEFAULT_ALGORITHM;
        JwtAlgorithm algorithm = jwt.algorithm();
        if (!algorithm.name().equals(expected)) {
            return invalid(ERR_INVALID_ALGORITHM);
        }
        Optional<Boolean> signed = algorithm.symmetric()
                ? secret(credential).map(s -> algorithm.verify(jwt.signingInput(), jwt.signature(), s))
                : publicKey(ctx, credential).map(k -> algorithm.verify(jwt.signingInput(), jwt.signature(), k));
        if (signed.isEmpty()) {
            return invalid(ERR_INVALID_SECRET);
        }
        if (!signed.get()) {
            return invalid(ERR_INVALID_SIGNATURE);
        }
        long now = Math.floorDiv(ctx.services().clock().millis(), 1000L);
        Map<String, String> errors = RegisteredClaims.check(jwt.claims(), config.claimsToVerify(), now);
        if (errors.isEmpty()) {
            errors = RegisteredClaims.checkMaximumExpiration(jwt.claims(), config.maximumExpiration(), now);
        }
        return errors.isEmpty() ? Optional.empty()
                : Optional.of(new Refusal(errors, Optional.of(config.invalidTokenChallenge())));
    }

    private Optional<byte[]> secret(CredentialInfo credential) {
        if (!(credential.data().get(JwtCredentials.SECRET) instanceof String secret) || secret.isEmpty()) {
            return Optional.empty();
        }
        if (!config.secretIsBase64()) {
            return Optional.of(secret.getBytes(StandardCharsets.UTF_8));
        }
        // Either alphabet, padded or not: secrets are pasted from many tools.
        String url = secret.replace('+', '-').replace('/', '_');
        return DecodedJwt.base64Url(url).filter(b -> b.length > 0);
    }

    private static Optional<PublicKey> publicKey(PluginContext ctx, CredentialInfo credential) {
        if (!(credential.data().get(JwtCredentials.PUBLIC_KEY) instanceof String pem)) {
            return Optional.empty();
        }
        try {
            if (PARSED_KEYS.size() > 10_000) {
                PARSED_KEYS.clear(); // keys of deleted credentials must not pile up
            }
            return Optional.of(PARSED_KEYS.computeIfAbsent(pem, PublicKeyPem::parse));
        } catch (IllegalArgumentException e) {
            // Keys are checked when credentials are written, so this one predates the check.
            ctx.log().log(Level.WARNING, "credential " + credential.id() + ": rsa_public_key unreadable: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean present(Map<String, Object> members, String name) {
        Object value = members.get(name);
        return value != null && value != JsonNull.NULL;
    }

    private Optional<Refusal> invalid(String message) {
        return Optional.of(Refusal.of(message, config.invalidTokenChallenge()));
    }

    @Override
    public String toString() {
        return "jwt " + config;
    }
}
