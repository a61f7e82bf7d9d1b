package dev.tollgate.plugins.airesponsecache;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tollgate.plugins.airesponsecache.AiResponseCacheConfig.Strategy;
import dev.tollgate.sdk.KeyValueCache;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;
import dev.tollgate.sdk.UpstreamHandler;

/**
 * Caches AI answers by exact request. Runs in access after ai-proxy (lower priority) and wraps the
 * upstream handler ai-proxy set: the wrapper answers hits itself and lets misses through,
 * keeping their answers. Without such a handler (no ai-proxy on the route) it does nothing.
 */
final class AiResponseCachePlugin implements Plugin {
    static final String NO_AI_HANDLER = "no AI handler to cache on this route: ai-response-cache needs ai-proxy "
            + "(or another plugin answering through an upstream handler) on the same route; requests pass uncached";

    private final AiResponseCacheConfig config;
    private final AnswerStore.Outage outage = new AnswerStore.Outage();
    private final AtomicBoolean warnedNoHandler = new AtomicBoolean();

    AiResponseCachePlugin(AiResponseCacheConfig config) {
        this.config = config;
    }

    @Override
    public void access(PluginContext ctx) {
        if (ctx.response().exited()) {
            return;
        }
        Optional<UpstreamHandler> handler = ctx.upstreamRequest().handler();
        if (handler.isEmpty()) {
            if (warnedNoHandler.compareAndSet(false, true)) {
                ctx.log().log(Level.WARNING, NO_AI_HANDLER);
            }
            return;
        }
        AnswerStore store = new AnswerStore(cache(ctx), outage, ctx.services().clock(), ctx.log(), config.cacheTtl());
        CacheDirectives directives = config.cacheControl()
                ? CacheDirectives.parse(ctx.request().headers("cache-control")) : CacheDirectives.NONE;
        ctx.upstreamRequest().setHandler(new CachingHandler(handler.get(), store, scope(ctx), directives,
                config.maxEntryBytes(), ctx.startedAt(), ctx.services().metrics()));
    }

    private KeyValueCache cache(PluginContext ctx) {
        return config.strategy() == Strategy.REDIS
                ? ctx.services().redisCache(config.redis().orElseThrow())
                : ctx.services().cache();
    }

    private CacheKey.Scope scope(PluginContext ctx) {
        Map<String, List<String>> vary = new TreeMap<>();
        for (String h : config.varyHeaders()) {
            vary.put(h, ctx.request().headers(h));
        }
        // Without a consumer (anonymous requests) the answers are shared among the anonymous.
        Optional<String> consumer = config.cacheByConsumer()
                ? Optional.of(ctx.identity().consumer().map(c -> "consumer:" + c.id()).orElse("anonymous"))
                : Optional.empty();
        return new CacheKey.Scope(ctx.route().routeId(), consumer, vary);
    }

    @Override
    public String toString() {
        return AiResponseCachePluginFactory.NAME + "{strategy=" + config.strategy().name().toLowerCase(Locale.ROOT)
                + ", cache_ttl=" + config.cacheTtl().toSeconds() + "s"
                + (config.cacheByConsumer() ? ", cache_by_consumer" : "")
                + (config.varyHeaders().isEmpty() ? "" : ", vary_headers=" + config.varyHeaders()) + "}";
    }
}
