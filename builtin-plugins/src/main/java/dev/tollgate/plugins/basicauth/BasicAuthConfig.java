package dev.tollgate.plugins.basicauth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code basic-auth} configuration, with Kong's field names and defaults.
 *
 * @param hideCredentials remove the header the credentials came in before proxying
 * @param anonymous       the consumer (id or username) that unauthenticated requests run as
 * @param realm           the realm of the {@code WWW-Authenticate} challenge
 */
public record BasicAuthConfig(boolean hideCredentials, Optional<String> anonymous, String realm) {

    /** Kong's default realm. */
    static final String DEFAULT_REALM = "service";

    // The realm is sent inside a quoted string, so quotes, backslashes and control characters are refused.
    private static final Pattern REALM = Pattern.compile("[\\x20-\\x7E&&[^\"\\\\]]+");

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("anonymous")
                    .check(v -> !((String) v).isBlank(), "a consumer id or username")
                    .description("Consumer id or username to run unauthenticated requests as, instead of answering 401."))
            .field(Field.bool("hide_credentials").defaultValue(false)
                    .description("Remove the Authorization (or Proxy-Authorization) header the credentials came in "
                            + "before the request is sent upstream."))
            .field(Field.string("realm").defaultValue(DEFAULT_REALM)
                    .check(v -> REALM.matcher((String) v).matches(), "printable ASCII without '\"' or '\\'")
                    .description("Realm of the WWW-Authenticate header sent with a 401."))
            .build();

    public BasicAuthConfig {
        requireNonNull(anonymous, "anonymous");
        realm = realm == null ? DEFAULT_REALM : realm;
    }

    /** The configuration a schema-validated {@link PluginConfig} describes. */
    public static BasicAuthConfig from(PluginConfig config) {
        return new BasicAuthConfig(config.bool("hide_credentials"), config.string("anonymous"),
                config.string("realm").orElse(null));
    }

    /** The value of the {@code WWW-Authenticate} header on a 401, in Kong's shape. */
    String challenge() {
        return "Basic realm=\"" + realm + "\"";
    }
}
