package dev.tollgate.plugins.airesponsecache;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
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

    public AiResponseCachePluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), AiResponseCacheConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiResponseCachePlugin(AiResponseCacheConfig.from(config));
    }
}
