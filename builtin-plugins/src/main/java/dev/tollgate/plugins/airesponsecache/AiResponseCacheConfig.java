package dev.tollgate.plugins.airesponsecache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.tollgate.commons.support.RedisFields;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code ai-response-cache} configuration. The constructor holds the rules, so the
 * schema (which is {@code parsedBy} {@link #from}) and direct construction refuse the same things with the same
 * words.
 *
 * @param varyHeaders   lower-cased request header names whose values join the key
 * @param maxEntryBytes the largest answer stored, as the client gets it
 * @param redis         set when {@code strategy} is {@link Strategy#REDIS}
 */
record AiResponseCacheConfig(Strategy strategy, Duration cacheTtl, boolean cacheControl, boolean cacheByConsumer,
                             List<String> varyHeaders, int maxEntryBytes, Optional<RedisSettings> redis) {

    static final String REDIS_HOST_REQUIRED = "'config.redis.host' is required when 'config.strategy' is 'redis'";
    static final long MAX_TTL_SECONDS = 30L * 24 * 3600;
    static final int MAX_VARY_HEADERS = 20;
    static final long MIN_ENTRY_BYTES = 1024;
    static final long MAX_ENTRY_BYTES = 16L * 1024 * 1024;

    /** Where answers are kept. */
    enum Strategy { MEMORY, REDIS }

    AiResponseCacheConfig {
        requireNonNull(strategy, "strategy");
        requireNonNull(cacheTtl, "cacheTtl");
        varyHeaders = varyHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
        redis = redis == null ? Optional.empty() : redis;
        if (cacheTtl.toSeconds() < 1 || cacheTtl.toSeconds() > MAX_TTL_SECONDS) {
            throw new IllegalArgumentException("config.cache_ttl: " + cacheTtl.toSeconds() + " (expected: 1.." + MAX_TTL_SECONDS + ")");
        }
        if (maxEntryBytes < MIN_ENTRY_BYTES || maxEntryBytes > MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException("config.max_entry_bytes: " + maxEntryBytes
                    + " (expected: " + MIN_ENTRY_BYTES + ".." + MAX_ENTRY_BYTES + ")");
        }
        if (strategy == Strategy.REDIS && redis.map(RedisSettings::host).filter(h -> !h.isBlank()).isEmpty()) {
            throw new IllegalArgumentException(REDIS_HOST_REQUIRED);
        }
    }

    /** Maps a configuration the schema's fields have accepted. */
    static AiResponseCacheConfig from(PluginConfig config) {
        Strategy strategy = Strategy.valueOf(config.string("strategy").orElse("memory").toUpperCase(Locale.ROOT));
        return new AiResponseCacheConfig(strategy,
                Duration.ofSeconds(config.integer("cache_ttl").orElse(300L)),
                config.bool("cache_control"),
                config.bool("cache_by_consumer"),
                config.strings("vary_headers"),
                config.integer("max_entry_bytes").orElse(1_048_576L).intValue(),
                strategy == Strategy.REDIS ? Optional.of(RedisFields.settings(config.record("redis"))) : Optional.empty());
    }

}
