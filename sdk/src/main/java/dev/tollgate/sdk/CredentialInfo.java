package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A consumer's credential of one kind ({@code key-auth}, {@code basic-auth}, {@code jwt}, ...):
 * what it is found by, and the kind's other fields. Built with
 * {@link #builder(String, String, String, String)}.
 *
 * @since 0.1.0
 */
public final class CredentialInfo {
    private final String id;
    private final String kind;
    private final String consumerId;
    private final String key;
    private final Map<String, Object> data;

    private CredentialInfo(Builder b) {
        this.id = requireNonNull(b.id, "id");
        this.kind = requireNonNull(b.kind, "kind");
        this.consumerId = requireNonNull(b.consumerId, "consumerId");
        this.key = requireNonNull(b.key, "key");
        // Values may be null (an unset optional field), which Map.copyOf refuses.
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(b.data));
    }

    /**
     * @param id         the credential's id
     * @param kind       the credential kind ({@code key-auth}, ...)
     * @param consumerId the consumer it belongs to
     * @param key        what the credential is found by (the API key, the username, ...)
     */
    public static Builder builder(String id, String kind, String consumerId, String key) {
        return new Builder(id, kind, consumerId, key);
    }

    public String id() {
        return id;
    }

    /** The credential kind ({@code key-auth}, ...). */
    public String kind() {
        return kind;
    }

    public String consumerId() {
        return consumerId;
    }

    /** What the credential is found by (the API key, the username, ...). */
    public String key() {
        return key;
    }

    /** The kind's other fields; a value may be null. */
    public Map<String, Object> data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialInfo c && id.equals(c.id) && kind.equals(c.kind) && consumerId.equals(c.consumerId)
                && key.equals(c.key) && data.equals(c.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, consumerId, key, data);
    }

    /** Never shows the key or the data: they hold secrets. */
    @Override
    public String toString() {
        return "CredentialInfo[id=" + id + ", kind=" + kind + ", consumerId=" + consumerId + "]";
    }

    /**
     * Builds a {@link CredentialInfo}.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final String id;
        private final String kind;
        private final String consumerId;
        private final String key;
        private Map<String, Object> data = Map.of();

        private Builder(String id, String kind, String consumerId, String key) {
            this.id = id;
            this.kind = kind;
            this.consumerId = consumerId;
            this.key = key;
        }

        /** The kind's other fields; null for none. */
        public Builder data(Map<String, Object> data) {
            this.data = data == null ? Map.of() : data;
            return this;
        }

        public CredentialInfo build() {
            return new CredentialInfo(this);
        }
    }
}
