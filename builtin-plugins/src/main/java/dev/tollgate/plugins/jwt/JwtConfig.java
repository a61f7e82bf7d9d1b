package dev.tollgate.plugins.jwt;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code jwt} configuration, with Kong's field names and defaults.
 *
 * @param uriParamNames     query parameters a token is looked for in
 * @param cookieNames       cookies a token is looked for in
 * @param headerNames       headers a {@code Bearer} token is looked for in
 * @param claimsToVerify    registered claims checked against the clock: {@code exp}, {@code nbf}
 * @param keyClaimName      the claim (or header parameter) naming the credential's key
 * @param secretIsBase64    HMAC secrets are stored base64-encoded
 * @param anonymous         the consumer (id or username) that unauthenticated requests run as
 * @param runOnPreflight    authenticate OPTIONS requests too
 * @param maximumExpiration the longest a token may still be valid, in seconds; 0 for no limit
 * @param realm             the realm of the {@code WWW-Authenticate} challenge; empty for none
 */
public record JwtConfig(List<String> uriParamNames, List<String> cookieNames, List<String> headerNames,
                        List<String> claimsToVerify, String keyClaimName, boolean secretIsBase64,
                        Optional<String> anonymous, boolean runOnPreflight, double maximumExpiration,
                        Optional<String> realm) {

    static final String MAX_EXPIRATION_NEEDS_EXP =
            "'config.claims_to_verify' must contain 'exp' when 'config.maximum_expiration' is greater than 0";
    static final long MAX_EXPIRATION_LIMIT = 31_536_000L; // 365 days, Kong's bound

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern REALM = Pattern.compile("[\\x20-\\x7E&&[^\"\\\\]]+");

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.strings("uri_param_names").defaultValue(List.of("jwt"))
                    .check(v -> ((List<?>) v).stream().noneMatch(n -> ((String) n).isEmpty()), "non-empty names")
                    .description("Query parameters the token is looked for in."))
            .field(Field.strings("cookie_names").defaultValue(List.of())
                    .check(v -> allTokens((List<?>) v), "cookie names (letters, digits, !#$%&'*+-.^_`|~)")
                    .description("Cookies the token is looked for in."))
            .field(Field.strings("header_names").defaultValue(List.of("authorization"))
                    .check(v -> allTokens((List<?>) v), "header names (letters, digits, !#$%&'*+-.^_`|~)")
                    .description("Headers the token is looked for in, as 'Bearer <token>'."))
            .field(Field.strings("claims_to_verify").oneOf("exp", "nbf")
                    .description("Registered claims to check against the clock: exp (the token has not expired) "
                            + "and nbf (the token is already valid)."))
            .field(Field.string("key_claim_name").defaultValue("iss")
                    .check(v -> !((String) v).isEmpty(), "a claim name")
                    .description("The claim holding the key of the credential that signed the token; looked for in "
                            + "the payload, then in the header."))
            .field(Field.bool("secret_is_base64").defaultValue(false)
                    .description("The credentials' HMAC secrets are stored base64-encoded; tokens are signed with "
                            + "the decoded bytes."))
            .field(Field.string("anonymous")
                    .check(v -> !((String) v).isBlank(), "a consumer id or username")
                    .description("Consumer id or username to run unauthenticated requests as, instead of answering 401."))
            .field(Field.bool("run_on_preflight").defaultValue(true)
                    .description("Authenticate OPTIONS (CORS preflight) requests too; false lets them through."))
            .field(Field.number("maximum_expiration").defaultValue(0.0).min(0).max(MAX_EXPIRATION_LIMIT)
                    .description("The longest, in seconds, a token's exp may lie in the future (0 to 31536000); "
                            + "0 for no limit. Needs exp in claims_to_verify."))
            .field(Field.string("realm")
                    .check(v -> REALM.matcher((String) v).matches(), "printable ASCII without '\"' or '\\'")
                    .description("Realm of the WWW-Authenticate header sent with a 401; none when absent."))
            .parsedBy(JwtConfig::from)
            .build();

    public JwtConfig {
        // Kong's lists are sets: a repeated name counts once.
        uriParamNames = distinct(requireNonNull(uriParamNames, "uriParamNames"));
        cookieNames = distinct(requireNonNull(cookieNames, "cookieNames"));
        headerNames = distinct(requireNonNull(headerNames, "headerNames"));
        claimsToVerify = distinct(requireNonNull(claimsToVerify, "claimsToVerify"));
        requireNonNull(keyClaimName, "keyClaimName");
        requireNonNull(anonymous, "anonymous");
        realm = realm == null ? Optional.empty() : realm;
        if (!(maximumExpiration >= 0 && maximumExpiration <= MAX_EXPIRATION_LIMIT)) {
            throw new IllegalArgumentException("config.maximum_expiration: " + maximumExpiration
                    + " (expected: 0.." + MAX_EXPIRATION_LIMIT + ")");
        }
        if (maximumExpiration > 0 && !claimsToVerify.contains("exp")) {
            throw new IllegalArgumentException(MAX_EXPIRATION_NEEDS_EXP);
        }
    }

    /** The configuration a schema-validated {@link PluginConfig} describes. */
    public static JwtConfig from(PluginConfig config) {
        return new JwtConfig(config.strings("uri_param_names"), config.strings("cookie_names"),
                config.strings("header_names"), config.strings("claims_to_verify"),
                config.string("key_claim_name").orElse("iss"), config.bool("secret_is_base64"),
                config.string("anonymous"), config.bool("run_on_preflight"),
                config.number("maximum_expiration").orElse(0.0), config.string("realm"));
    }

    /** The {@code WWW-Authenticate} value of a 401 without a token, in Kong's shape. */
    String challenge() {
        return realm.map(r -> "Bearer realm=\"" + r + "\"").orElse("Bearer");
    }

    /** The {@code WWW-Authenticate} value of a 401 for a token that did not pass. */
    String invalidTokenChallenge() {
        return realm.map(r -> "Bearer realm=\"" + r + "\", error=\"invalid_token\"").orElse("Bearer error=\"invalid_token\"");
    }

    private static List<String> distinct(List<String> names) {
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private static boolean allTokens(List<?> names) {
        return names.stream().allMatch(n -> TOKEN.matcher((String) n).matches());
    }
}
