package dev.tollgate.plugins.keyauth;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code key-auth} configuration, with Kong's field names and defaults.
 *
 * @param keyNames        where the key may be, tried in order (headers, query parameters, body fields)
 * @param anonymous       the consumer (id or username) that unauthenticated requests run as
 * @param realm           the realm of the {@code WWW-Authenticate} challenge
 */
public record KeyAuthConfig(List<String> keyNames, boolean keyInHeader, boolean keyInQuery, boolean keyInBody,
                            boolean hideCredentials, Optional<String> anonymous, boolean runOnPreflight, String realm) {

    /** Kong answers {@code Key realm="kong"}; Tollgate names itself. */
    static final String DEFAULT_REALM = "tollgate";

    // An HTTP header name is an RFC 9110 token; the same names are looked up as query and body fields.
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    // The realm is sent inside a quoted string, so quotes, backslashes and control characters are refused.
    private static final Pattern REALM = Pattern.compile("[\\x20-\\x7E&&[^\"\\\\]]+");

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.strings("key_names").defaultValue(List.of("apikey"))
                    .check(v -> isTokenList((List<?>) v), "one or more header names (letters, digits, !#$%&'*+-.^_`|~)")
                    .description("Names of the headers, query parameters and body fields the key is looked for in, in order."))
            .field(Field.bool("key_in_header").defaultValue(true)
                    .description("Look for the key in the request headers (names are case-insensitive)."))
            .field(Field.bool("key_in_query").defaultValue(true)
                    .description("Look for the key in the query string."))
            .field(Field.bool("key_in_body").defaultValue(false)
                    .description("Look for the key in a form (application/x-www-form-urlencoded) or JSON request body."))
            .field(Field.bool("hide_credentials").defaultValue(false)
                    .description("Remove the key from the request before it is sent upstream."))
            .field(Field.string("anonymous")
                    .check(v -> !((String) v).isBlank(), "a consumer id or username")
                    .description("Consumer id or username to run unauthenticated requests as, instead of answering 401."))
            .field(Field.bool("run_on_preflight").defaultValue(true)
                    .description("Authenticate OPTIONS (CORS preflight) requests too; false lets them through."))
            .field(Field.string("realm")
                    .check(v -> REALM.matcher((String) v).matches(), "printable ASCII without '\"' or '\\'")
                    .description("Realm of the WWW-Authenticate header sent with a 401; 'tollgate' when absent."))
            .build();

    public KeyAuthConfig {
        keyNames = List.copyOf(requireNonNull(keyNames, "keyNames"));
        if (keyNames.isEmpty()) {
            throw new IllegalArgumentException("keyNames: [] (expected: at least one name)");
        }
        requireNonNull(anonymous, "anonymous");
        realm = realm == null ? DEFAULT_REALM : realm;
    }

    /** The configuration a schema-validated {@link PluginConfig} describes. */
    public static KeyAuthConfig from(PluginConfig config) {
        return new KeyAuthConfig(config.strings("key_names"), config.bool("key_in_header"), config.bool("key_in_query"),
                config.bool("key_in_body"), config.bool("hide_credentials"), config.string("anonymous"),
                config.bool("run_on_preflight"), config.string("realm").orElse(null));
    }

    /** The value of the {@code WWW-Authenticate} header on a 401, in Kong's shape. */
    String challenge() {
        return "Key realm=\"" + realm + "\"";
    }

    private static boolean isTokenList(List<?> names) {
        return !names.isEmpty() && names.stream().allMatch(n -> TOKEN.matcher((String) n).matches());
    }
}
