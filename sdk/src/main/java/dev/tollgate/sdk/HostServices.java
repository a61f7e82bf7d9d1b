package dev.tollgate.sdk;

import java.time.Clock;

/**
 * What the gateway lends plugins: shared across requests and, where configured, across nodes.
 * Counters and cache keys are scoped to the plugin instance: two configured instances of the
 * same plugin (say, rate limits on two services) never see each other's keys, while one
 * instance on several nodes shares its Redis counters.
 *
 * @since 0.1.0
 */
public interface HostServices {

    /** Counters kept on this node. */
    Counters localCounters();

    /**
     * Counters shared by every node through Redis ({@code redis.host}, {@code redis.port}, ...
     * as the plugin's configuration gives them).
     */
    Counters redisCounters(RedisSettings settings);

    /** A key-value cache on this node. */
    KeyValueCache cache();

    /**
     * A key-value cache shared by every node through Redis ({@code redis.host}, ... as the
     * plugin's configuration gives them); its operations throw
     * {@link KeyValueCache.CacheUnavailableException} while Redis cannot be reached.
     */
    default KeyValueCache redisCache(RedisSettings settings) {
        throw new UnsupportedOperationException("this gateway offers no Redis cache");
    }

    /** The gateway's clock; tests replace it. */
    Clock clock();

    /**
     * The node's metrics registry, exposed at {@code GET /metrics}: families are node-wide,
     * not scoped to the plugin instance. Hosts without metrics record nothing.
     *
     * @since 0.2.0
     */
    default dev.tollgate.sdk.metrics.Metrics metrics() {
        return dev.tollgate.sdk.metrics.Metrics.NONE;
    }
}
