package dev.tollgate.sdk;

import java.time.Duration;
import java.util.Optional;

/**
 * A cache with expiry: bounded and in memory on one node ({@link HostServices#cache()}), or in
 * Redis and shared by every node ({@link HostServices#redisCache}).
 *
 * @since 0.1.0
 */
public interface KeyValueCache {

    /**
     * The value, if present and not expired.
     *
     * @throws CacheUnavailableException when the store cannot be reached
     */
    Optional<byte[]> get(String key);

    /**
     * Stores {@code value} for {@code ttl}; an in-memory cache may evict it sooner to stay in its bounds.
     *
     * @throws CacheUnavailableException when the store cannot be reached
     */
    void put(String key, byte[] value, Duration ttl);

    /** @throws CacheUnavailableException when the store cannot be reached */
    void remove(String key);

    /** A cache that cannot be reached (Redis down); plugins decide whether to go on without it. */
    final class CacheUnavailableException extends RuntimeException {
        public CacheUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
