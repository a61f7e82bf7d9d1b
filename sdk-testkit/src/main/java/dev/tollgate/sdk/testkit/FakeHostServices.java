package dev.tollgate.sdk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.sdk.Counters;
import dev.tollgate.sdk.HostServices;
import dev.tollgate.sdk.KeyValueCache;
import dev.tollgate.sdk.RedisSettings;

/**
 * Host services for unit tests: one in-memory counter store serves as both local and Redis, and
 * one in-memory cache (entries expire by the given clock) as both local and Redis.
 *
 * @since 0.1.0
 */
public final class FakeHostServices implements HostServices {
    private final Clock clock;
    private final InMemoryCounters counters;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(byte[] value, long expiresAt) {}

    private final dev.tollgate.sdk.metrics.Metrics metrics;

    public FakeHostServices(Clock clock) {
        this(clock, dev.tollgate.sdk.metrics.Metrics.NONE);
    }

    /**
     * Services whose {@link #metrics()} is {@code metrics}: a {@link RecordingMetrics} to read
     * back what the plugin recorded.
     *
     * @since 0.2.0
     */
    public FakeHostServices(Clock clock, dev.tollgate.sdk.metrics.Metrics metrics) {
        this.clock = clock;
        this.counters = new InMemoryCounters(clock);
        this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public dev.tollgate.sdk.metrics.Metrics metrics() {
        return metrics;
    }

    public InMemoryCounters counters() {
        return counters;
    }

    @Override
    public Counters localCounters() {
        return counters;
    }

    @Override
    public Counters redisCounters(RedisSettings settings) {
        return counters;
    }

    @Override
    public KeyValueCache cache() {
        return new KeyValueCache() {
            @Override
            public Optional<byte[]> get(String key) {
                Entry e = cache.get(key);
                return e == null || e.expiresAt() <= clock.millis() ? Optional.empty() : Optional.of(e.value().clone());
            }

            @Override
            public void put(String key, byte[] value, Duration ttl) {
                cache.put(key, new Entry(value.clone(), clock.millis() + ttl.toMillis()));
            }

            @Override
            public void remove(String key) {
                cache.remove(key);
            }
        };
    }

    @Override
    public KeyValueCache redisCache(RedisSettings settings) {
        return cache();
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
