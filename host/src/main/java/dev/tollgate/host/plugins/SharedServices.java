package dev.tollgate.host.plugins;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.sdk.Counters;
import dev.tollgate.sdk.HostServices;
import dev.tollgate.sdk.KeyValueCache;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.metrics.Metrics;

/**
 * The node's counters, Redis connections and cache, which outlive configuration snapshots;
 * each plugin instance gets a view whose keys are prefixed with the instance's id.
 */
public final class SharedServices implements AutoCloseable {
    private final Clock clock;
    private final LocalCounters local;
    private final RedisCounterStores redis;
    private final LocalCache cache;
    private final Metrics metrics;
    private final PluginMetrics pluginMetrics;

    public SharedServices(Clock clock) {
        this(clock, Metrics.NONE);
    }

    /** The services, with {@code metrics} the node's registry that plugins record into. */
    public SharedServices(Clock clock, Metrics metrics) {
        this.clock = clock;
        this.local = new LocalCounters(clock);
        this.redis = new RedisCounterStores(clock);
        this.cache = new LocalCache(clock, 100_000, CACHE_BYTES);
        this.metrics = metrics;
        this.pluginMetrics = new PluginMetrics(metrics);
    }

    /** The local cache's capacity in bytes. */
    public static final long CACHE_BYTES = 64L * 1024 * 1024;

    /** Bytes the local cache holds now. */
    public long cacheBytes() {
        return cache.bytes();
    }

    /** What the gateway records of the plugins it runs. */
    PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    /** The services as plugin instance {@code pluginId} sees them. */
    public HostServices scopedTo(String pluginId) {
        String prefix = pluginId + ":";
        return new HostServices() {
            @Override
            public Counters localCounters() {
                return prefixed(local, prefix);
            }

            @Override
            public Counters redisCounters(RedisSettings settings) {
                return prefixed(redis.forSettings(settings), prefix);
            }

            @Override
            public KeyValueCache cache() {
                return prefixed(cache, prefix);
            }

            @Override
            public KeyValueCache redisCache(RedisSettings settings) {
                return prefixed(redis.cache(settings), prefix);
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Metrics metrics() {
                return metrics;
            }
        };
    }

    private static KeyValueCache prefixed(KeyValueCache cache, String prefix) {
        return new KeyValueCache() {
            @Override
            public Optional<byte[]> get(String key) {
                return cache.get(prefix + key);
            }

            @Override
            public void put(String key, byte[] value, Duration ttl) {
                cache.put(prefix + key, value, ttl);
            }

            @Override
            public void remove(String key) {
                cache.remove(prefix + key);
            }
        };
    }

    private static Counters prefixed(Counters counters, String prefix) {
        return new Counters() {
            @Override
            public long increment(String key, Duration window, long amount) {
                return counters.increment(prefix + key, window, amount);
            }

            @Override
            public long get(String key, Duration window) {
                return counters.get(prefix + key, window);
            }
        };
    }

    /** The Redis servers the node's plugins use, and whether each answers now. */
    public java.util.Map<String, Boolean> redisReachability() {
        return redis.reachability();
    }

    @Override
    public void close() {
        redis.close();
    }

    /** Fixed-window counters in this node's memory; old windows are dropped as new ones start. */
    static final class LocalCounters implements Counters {
        static final int MAX_KEYS = 1_000_000;
        private final Clock clock;
        private final ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> counts = new ConcurrentHashMap<>();
        private volatile long sweepAt;

        LocalCounters(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long increment(String key, Duration window, long amount) {
            sweep();
            String slot = slot(key, window);
            var count = counts.get(slot);
            if (count == null) {
                if (counts.size() >= MAX_KEYS) {
                    // Client input picks keys (limit_by=header): never let it exhaust the heap.
                    throw new CounterUnavailableException("local counters full (" + MAX_KEYS + " keys)", null);
                }
                count = counts.computeIfAbsent(slot, k -> new java.util.concurrent.atomic.AtomicLong());
            }
            return count.addAndGet(amount);
        }

        @Override
        public long get(String key, Duration window) {
            var c = counts.get(slot(key, window));
            return c == null ? 0 : c.get();
        }

        private String slot(String key, Duration window) {
            long w = window.toMillis();
            long index = clock.millis() / w;
            return key + "|" + w + "|" + index + "|" + (index + 1) * w;
        }

        /** At most once a second (and by one thread at a time), drops the counts of windows that have ended. */
        private void sweep() {
            long now = clock.millis();
            synchronized (this) {
                if (now < sweepAt) {
                    return;
                }
                sweepAt = now + 1000;
            }
            counts.keySet().removeIf(k -> Long.parseLong(k.substring(k.lastIndexOf('|') + 1)) <= now);
        }
    }
}
