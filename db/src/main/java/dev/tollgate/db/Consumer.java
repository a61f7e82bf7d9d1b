package dev.tollgate.db;

import java.util.List;

/** A caller of the gateway: an application or a user (Kong's Consumer). */
public record Consumer(
        String id,
        String username,
        String customId,
        List<String> tags,
        long createdAt,
        long updatedAt) implements Entity {
    public Consumer {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
