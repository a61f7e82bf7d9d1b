package dev.tollgate.db;

import java.util.List;

/** A virtual hostname balanced across {@link Target}s (Kong's Upstream). */
public record Upstream(
        String id,
        String name,
        String algorithm,
        int slots,
        String hostHeader,
        List<String> tags,
        long createdAt,
        long updatedAt) implements Entity {
    public Upstream {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
