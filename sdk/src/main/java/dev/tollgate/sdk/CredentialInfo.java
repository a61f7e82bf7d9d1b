package dev.tollgate.sdk;

import java.util.Map;

/**
 * A consumer's credential of one kind.
 *
 * @param kind       the credential kind ({@code key-auth}, ...)
 * @param key        what the credential is found by (the API key, the username, ...)
 * @param data       the kind's other fields
 */
public record CredentialInfo(String id, String kind, String consumerId, String key, Map<String, Object> data) {
    public CredentialInfo {
        // Values may be null (an unset optional field), which Map.copyOf refuses.
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }
}
