package dev.tollgate.plugins.basicauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.tollgate.sdk.CredentialType;
import dev.tollgate.sdk.CredentialType.KeyScope;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/** The {@code basic-auth} credential kind: a username, unique among all consumers, and a hashed password. */
final class BasicAuthCredentials {
    static final String KIND = "basic-auth";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string(USERNAME).required()
                    .check(v -> !((String) v).isBlank() && ((String) v).indexOf(':') < 0, "a non-blank username without ':'")
                    .description("The username clients send; unique among all consumers."))
            .field(Field.string(PASSWORD).required().secret()
                    .check(v -> !((String) v).isEmpty(), "a non-empty password")
                    .description("The password clients send. Stored as a salted PBKDF2-SHA256 hash and never shown."))
            .field(Field.strings("tags").description("Free-form tags to group and filter credentials."))
            .build();

    static final CredentialType TYPE = new CredentialType(KIND, USERNAME, SCHEMA, null, Set.of(PASSWORD),
            BasicAuthCredentials::hashPassword, KeyScope.GLOBAL);

    private BasicAuthCredentials() {
    }

    /** Replaces a newly written password by its hash; a password carried over unchanged is not given here. */
    static Map<String, Object> hashPassword(Map<String, Object> fields) {
        if (!(fields.get(PASSWORD) instanceof String password)) {
            return fields;
        }
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.put(PASSWORD, PasswordHash.hash(password));
        return out;
    }
}
