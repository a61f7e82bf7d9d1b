package dev.tollgate.host.plugins;

import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.sdk.Counters;
import dev.tollgate.sdk.KeyValueCache;
import dev.tollgate.sdk.RedisSettings;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Fixed-window counters and a key-value cache in Redis, shared by every node that points at the
 * same server: one pooled client per distinct setting, kept for the node's life.
 */
final class RedisCounterStores implements AutoCloseable {
    private final Clock clock;
    private final ConcurrentHashMap<RedisSettings, RedisClient> clients = new ConcurrentHashMap<>();

    RedisCounterStores(Clock clock) {
        this.clock = clock;
    }

    Counters forSettings(RedisSettings settings) {
        RedisClient jedis = clients.computeIfAbsent(settings, RedisCounterStores::connect);
        return new Counters() {
            @Override
            public long increment(String key, Duration window, long amount) {
                String k = slot(key, window);
                try (var tx = jedis.multi()) {
                    tx.incrBy(k, amount);
                    // Expire with the window (plus a second for clock skew between nodes).
                    tx.pexpire(k, window.toMillis() + 1000);
                    List<Object> results = tx.exec();
                    return (Long) results.getFirst();
                } catch (JedisException | IllegalStateException e) {
                    throw new CounterUnavailableException("redis " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
                }
            }

            @Override
            public long get(String key, Duration window) {
                try {
                    String v = jedis.get(slot(key, window));
                    return v == null ? 0 : Long.parseLong(v);
                } catch (JedisException e) {
                    throw new CounterUnavailableException("redis " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
                }
            }
        };
    }

    KeyValueCache cache(RedisSettings settings) {
        RedisClient jedis = clients.computeIfAbsent(settings, RedisCounterStores::connect);
        return new KeyValueCache() {
            @Override
            public Optional<byte[]> get(String key) {
                try {
                    return Optional.ofNullable(jedis.get(cacheKey(key)));
                } catch (JedisException e) {
                    throw unavailable(settings, e);
                }
            }

            @Override
            public void put(String key, byte[] value, Duration ttl) {
                try {
                    jedis.set(cacheKey(key), value, SetParams.setParams().px(Math.max(1, ttl.toMillis())));
                } catch (JedisException e) {
                    throw unavailable(settings, e);
                }
            }

            @Override
            public void remove(String key) {
                try {
                    jedis.del(cacheKey(key));
                } catch (JedisException e) {
                    throw unavailable(settings, e);
                }
            }
        };
    }

    private static byte[] cacheKey(String key) {
        return ("tollgate:cache:" + key).getBytes(StandardCharsets.UTF_8);
    }

    private static KeyValueCache.CacheUnavailableException unavailable(RedisSettings s, JedisException e) {
        return new KeyValueCache.CacheUnavailableException("redis " + s.host() + ":" + s.port() + ": " + e.getMessage(), e);
    }

    private String slot(String key, Duration window) {
        long w = window.toMillis();
        return "tollgate:counter:" + key + ":" + w + ":" + clock.millis() / w;
    }

    private static RedisClient connect(RedisSettings s) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, s.timeout() == null ? 2000 : s.timeout().toMillis());
        var config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .password(s.password())
                .database(s.database())
                .ssl(s.ssl())
                .build();
        return RedisClient.builder().hostAndPort(new HostAndPort(s.host(), s.port())).clientConfig(config).build();
    }

    /** Each Redis the node's plugins have used ("host:port/db"), and whether it answers a PING now. */
    public java.util.Map<String, Boolean> reachability() {
        java.util.Map<String, Boolean> out = new java.util.TreeMap<>();
        clients.forEach((settings, client) -> {
            boolean up;
            try {
                up = "PONG".equalsIgnoreCase(client.ping());
            } catch (JedisException e) {
                up = false;
            }
            out.merge(settings.host() + ":" + settings.port() + "/" + settings.database(), up, Boolean::logicalAnd);
        });
        return out;
    }

    @Override
    public void close() {
        clients.values().forEach(RedisClient::close);
        clients.clear();
    }
}
