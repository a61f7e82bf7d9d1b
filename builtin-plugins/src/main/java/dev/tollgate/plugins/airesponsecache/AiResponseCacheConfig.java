package dev.tollgate.plugins.airesponsecache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.tollgate.commons.support.RedisFields;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

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
    static final String HEADER_TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";


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
                strategy == Strategy.REDIS ? RedisFields.settings(config.record("redis")) : Optional.empty());
    }

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("strategy").oneOf("memory", "redis").defaultValue("memory")
                    .description("Where answers are kept: memory (this node's shared, bounded cache; each node "
                            + "caches on its own) or redis (shared by every node)."))
            .field(Field.integer("cache_ttl").min(1).max(AiResponseCacheConfig.MAX_TTL_SECONDS).defaultValue(300L)
                    .description("Seconds an answer is served from the cache after it was stored."))
            .field(Field.bool("cache_control").defaultValue(Boolean.TRUE)
                    .description("Honor the client's Cache-Control request header: no-cache (or max-age=0) "
                            + "skips the cached answer and stores the fresh one, no-store neither reads nor "
                            + "stores, max-age=N serves only answers at most N seconds old."))
            .field(Field.bool("cache_by_consumer").defaultValue(Boolean.FALSE)
                    .description("Keep a separate cache per authenticated consumer, so one consumer is never "
                            + "served an answer another one got."))
            .field(Field.strings("vary_headers").defaultValue(List.of())
                    .check(v -> ((List<?>) v).size() <= AiResponseCacheConfig.MAX_VARY_HEADERS
                            && ((List<?>) v).stream().allMatch(h -> ((String) h).matches(HEADER_TOKEN)),
                            "at most " + AiResponseCacheConfig.MAX_VARY_HEADERS + " header names, each a token such as x-tenant")
                    .description("Request headers whose values are part of the cache key (a tenant header, "
                            + "say): requests that differ in them never share an answer."))
            .field(Field.integer("max_entry_bytes").min(AiResponseCacheConfig.MIN_ENTRY_BYTES)
                    .max(AiResponseCacheConfig.MAX_ENTRY_BYTES).defaultValue(1_048_576L)
                    .description("The largest answer (in bytes, as the client gets it) that is stored; larger "
                            + "answers are served but not cached."))
            .field(Field.record("redis", RedisFields.schema("the cached answers"))
                    .description("The Redis server that holds the answers when strategy is redis."))
            .parsedBy(AiResponseCacheConfig::from)
            .build();
}
