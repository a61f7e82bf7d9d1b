package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.tollgate.sdk.config.ConfigSchema;

/**
 * A credential kind a plugin authenticates with. The gateway stores credentials of this kind
 * and serves them at {@code /consumers/{consumer}/{kind}} (Kong's shape).
 *
 * @param kind         the kind's name, also its Admin API path segment ({@code key-auth})
 * @param keyField     the field credentials are found by ({@code key}); unique as {@code keyScope} says
 * @param schema       the fields of a credential, including {@code keyField}
 * @param keyGenerator makes a key when a credential is created without one; null to require it
 * @param secretFields fields never shown by the Admin API
 * @param onSave       transforms validated fields before they are stored (hash a password); null for none.
 *                     It is given the consumer's id under the key {@code "consumer_id"} and must not keep it.
 * @param keyScope     whether a key is unique among all consumers (API keys) or per consumer (ACL groups)
 *
 * @since 0.1.0
 */
public record CredentialType(String kind, String keyField, ConfigSchema schema, Supplier<String> keyGenerator,
                             Set<String> secretFields, UnaryOperator<Map<String, Object>> onSave, KeyScope keyScope) {

    /**

     * Where a credential's key must be unique.

     *

     * @since 0.1.0

     */
    public enum KeyScope {
        /** No two credentials of the kind share a key: the key identifies the consumer (API keys, usernames). */
        GLOBAL,
        /** Unique within one consumer only: several consumers may hold the same value (ACL groups). */
        PER_CONSUMER
    }

    public CredentialType {
        requireNonNull(kind, "kind");
        requireNonNull(keyField, "keyField");
        requireNonNull(schema, "schema");
        secretFields = secretFields == null ? Set.of() : Set.copyOf(secretFields);
        keyScope = keyScope == null ? KeyScope.GLOBAL : keyScope;
    }

    /** A kind whose keys identify consumers, stored as given. */
    public CredentialType(String kind, String keyField, ConfigSchema schema, Supplier<String> keyGenerator,
                          Set<String> secretFields) {
        this(kind, keyField, schema, keyGenerator, secretFields, null, KeyScope.GLOBAL);
    }
}
