package dev.tollgate.host.plugins;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.KeyValueCache;

/**
 * A bounded in-memory cache with expiry: least recently used entries go first once the entry
 * count or the byte budget is reached. One lock: plugins use it for small, hot values.
 */
final class LocalCache implements KeyValueCache {
    private record Entry(byte[] value, long expiresAt) {}

    private final Clock clock;
    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    LocalCache(Clock clock, int maxEntries, long maxBytes) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Bytes of the values held now. */
    synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (e.expiresAt() <= clock.millis()) {
            remove(key);
            return Optional.empty();
        }
        return Optional.of(e.value().clone());
    }

    @Override
    public synchronized void put(String key, byte[] value, Duration ttl) {
        if (value.length > maxBytes) {
            return; // larger than the whole budget: not worth evicting everything for
        }
        remove(key);
        entries.put(key, new Entry(value.clone(), clock.millis() + ttl.toMillis()));
        bytes += value.length + key.length();
        var it = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            bytes -= eldest.getValue().value().length + eldest.getKey().length();
            it.remove();
        }
    }

    @Override
    public synchronized void remove(String key) {
        Entry e = entries.remove(key);
        if (e != null) {
            bytes -= e.value().length + key.length();
        }
    }
}
