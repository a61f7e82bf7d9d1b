package dev.tollgate.sdk;

import java.time.Duration;
import java.util.Optional;

/** A bounded in-memory cache with expiry, shared by the plugins of one node. */
public interface KeyValueCache {

    Optional<byte[]> get(String key);

    void put(String key, byte[] value, Duration ttl);

    void remove(String key);
}
