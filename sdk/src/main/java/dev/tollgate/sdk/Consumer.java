package dev.tollgate.sdk;

import java.util.List;

/**
 * A consumer of the gateway.
 *
 * @param username may be null when only a custom id is set
 * @param customId may be null
 */
public record Consumer(String id, String username, String customId, List<String> tags) {
    public Consumer {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
