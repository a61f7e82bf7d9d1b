package dev.tollgate.db;

import java.util.List;

/** One {@code host:port} behind an {@link Upstream}, with a weight (0 disables it). */
public record Target(
        String id,
        Ref upstream,
        String target,
        int weight,
        List<String> tags,
        long createdAt,
        long updatedAt) implements Entity {
    public Target {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
