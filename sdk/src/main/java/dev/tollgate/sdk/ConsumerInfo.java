package dev.tollgate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;

/**
 * A consumer of the gateway: its id, and the username and custom id it may have. Built with
 * {@link #builder(String)}: {@code ConsumerInfo.builder(id).username("alice").build()}.
 *
 * @since 0.1.0
 */
public final class ConsumerInfo {
    private final String id;
    private final String username;
    private final String customId;
    private final List<String> tags;

    private ConsumerInfo(Builder b) {
        this.id = requireNonNull(b.id, "id");
        this.username = b.username;
        this.customId = b.customId;
        this.tags = List.copyOf(b.tags);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public String id() {
        return id;
    }

    /** May be null when only a custom id is set. */
    public String username() {
        return username;
    }

    /** May be null. */
    public String customId() {
        return customId;
    }

    public List<String> tags() {
        return tags;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsumerInfo c && id.equals(c.id) && Objects.equals(username, c.username)
                && Objects.equals(customId, c.customId) && tags.equals(c.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, username, customId, tags);
    }

    @Override
    public String toString() {
        return "ConsumerInfo[id=" + id + ", username=" + username + ", customId=" + customId + ", tags=" + tags + "]";
    }

    /**
     * Builds a {@link ConsumerInfo}.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final String id;
        private String username;
        private String customId;
        private List<String> tags = List.of();

        private Builder(String id) {
            this.id = id;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder customId(String customId) {
            this.customId = customId;
            return this;
        }

        /** Null for none. */
        public Builder tags(List<String> tags) {
            this.tags = tags == null ? List.of() : tags;
            return this;
        }

        public ConsumerInfo build() {
            return new ConsumerInfo(this);
        }
    }
}
