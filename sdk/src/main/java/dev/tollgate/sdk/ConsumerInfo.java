package dev.tollgate.sdk;

import java.util.List;

/**
 * A consumer of the gateway.
 *
 * @param username may be null when only a custom id is set
 * @param customId may be null
 */
public record ConsumerInfo(String id, String username, String customId, List<String> tags) {
    public ConsumerInfo {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
