package dev.tollgate.host.plugins;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A bounded in-memory cache with expiry: when full, expired entries go first, then arbitrary ones. */
final class LocalCache {
    private record Entry(byte[] value, long expiresAt) {}

    private final Clock clock;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    LocalCache(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    Optional<byte[]> get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (e.expiresAt() <= clock.millis()) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    void put(String key, byte[] value, Duration ttl) {
        if (entries.size() >= maxEntries) {
            long now = clock.millis();
            entries.values().removeIf(e -> e.expiresAt() <= now);
            var it = entries.keySet().iterator();
            while (entries.size() >= maxEntries && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        entries.put(key, new Entry(value.clone(), clock.millis() + ttl.toMillis()));
    }

    void remove(String key) {
        entries.remove(key);
    }
}
