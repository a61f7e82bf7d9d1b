package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

import dev.tollgate.sdk.config.ConfigSchema;

/**
 * A credential kind a plugin authenticates with. The gateway stores credentials of this kind
 * and serves them at {@code /consumers/{consumer}/{kind}} (Kong's shape).
 *
 * @param kind         the kind's name, also its Admin API path segment ({@code key-auth})
 * @param keyField     the field credentials are found by ({@code key}); unique within the kind
 * @param schema       the fields of a credential, including {@code keyField}
 * @param keyGenerator makes a key when a credential is created without one; null to require it
 * @param secretFields fields never shown by the Admin API (hashed or redacted)
 */
public record CredentialType(String kind, String keyField, ConfigSchema schema, Supplier<String> keyGenerator,
                             java.util.Set<String> secretFields) {
    public CredentialType {
        requireNonNull(kind, "kind");
        requireNonNull(keyField, "keyField");
        requireNonNull(schema, "schema");
        secretFields = secretFields == null ? java.util.Set.of() : java.util.Set.copyOf(secretFields);
    }
}
