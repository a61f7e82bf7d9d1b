package dev.tollgate.db;

import java.util.List;

/**
 * An upstream API that routes forward to (Kong's Service). When {@code host} names an
 * {@link Upstream}, requests are balanced across that upstream's targets.
 *
 * @param tlsVerify verify the upstream's certificate for https (default true)
 * @param caFile    a PEM file of CA certificates trusted for this service instead of the system store
 */
public record Service(
        String id,
        String name,
        String protocol,
        String host,
        int port,
        String path,
        int retries,
        int connectTimeout,
        int writeTimeout,
        int readTimeout,
        boolean tlsVerify,
        String caFile,
        boolean enabled,
        List<String> tags,
        long createdAt,
        long updatedAt) implements Entity {
    public Service {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
