package dev.tollgate.plugins.airesponsecache;

import java.util.List;
import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.commons.support.RedisFields;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-response-cache}: answers a repeated AI request from a cache instead of the provider.
 * Field names follow Kong's proxy-cache and ai-semantic-cache ({@code strategy}, {@code cache_ttl},
 * {@code cache_control}, {@code vary_headers}, {@code redis}).
 */
public final class AiResponseCachePluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-response-cache";
    /**
     * Kong's ai-semantic-cache number. Request-side phases run in descending priority, so access
     * runs right after ai-proxy's (770) has set its upstream handler, which this plugin wraps;
     * prompt plugins (771-773) have run before, and the key is taken from the body as every
     * request plugin left it, when the handler is called.
     */
    static final int PRIORITY = 765;

    private static final String HEADER_TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
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

    public AiResponseCachePluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiResponseCachePlugin(AiResponseCacheConfig.from(config));
    }
}
