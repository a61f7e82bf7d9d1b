package dev.tollgate.plugins.airesponsecache;

import static dev.tollgate.plugins.airesponsecache.CachedRoute.CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.tollgate.plugins.airesponsecache.CachedRoute.Exchange;
import dev.tollgate.sdk.Counters;
import dev.tollgate.sdk.HostServices;
import dev.tollgate.sdk.KeyValueCache;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.testkit.FakePluginContext;

/** When the cache stands aside: the client's Cache-Control, bodies without a key, Redis down, no AI handler. */
class AiResponseCacheBypassTest {
    private final CachedRoute route = new CachedRoute();

    @Test
    void noCacheSkipsTheCachedAnswerAndRefreshesIt() {
        route.send(CHAT);
        route.ai.json(FakeAi.JSON_ANSWER.replace("Hi!", "Fresh"));
        Exchange bypass = route.send(CHAT, "Cache-Control", "no-cache");
        assertThat(bypass.cacheStatus()).isEqualTo("Bypass");
        assertThat(bypass.usage().cacheStatus()).contains("Bypass");
        assertThat(bypass.body()).contains("Fresh");
        assertThat(route.send(CHAT).body()).as("stored").contains("Fresh");
        assertThat(route.ai.calls).hasValue(2);
    }

    @Test
    void noStoreNeitherReadsNorStores() {
        assertThat(route.send(CHAT, "Cache-Control", "max-age=60, no-store").cacheStatus()).isEqualTo("Bypass");
        assertThat(route.send(CHAT).cacheStatus()).isEqualTo("Miss");
        assertThat(route.send(CHAT, "cache-control", "NO-STORE").cacheStatus()).isEqualTo("Bypass");
        assertThat(route.ai.calls).hasValue(3);
    }

    @Test
    void maxAgeServesOnlyFreshEnoughAnswers() {
        route.send(CHAT);
        route.clock.advance(Duration.ofSeconds(30));
        assertThat(route.send(CHAT, "Cache-Control", "max-age=60").cacheStatus()).isEqualTo("Hit");
        assertThat(route.send(CHAT, "Cache-Control", "max-age=10").cacheStatus()).isEqualTo("Miss");
        assertThat(route.send(CHAT, "Cache-Control", "max-age=10").cacheStatus()).as("refreshed").isEqualTo("Hit");
        assertThat(route.send(CHAT, "Cache-Control", "max-age=0").cacheStatus()).isEqualTo("Bypass");
        assertThat(route.send(CHAT, "Cache-Control", "max-age=banana").cacheStatus()).isEqualTo("Hit");
    }

    @Test
    void cacheControlFalseIgnoresTheClient() {
        CachedRoute deaf = new CachedRoute(Map.of("cache_control", false));
        deaf.send(CHAT);
        assertThat(deaf.send(CHAT, "Cache-Control", "no-cache").cacheStatus()).isEqualTo("Hit");
        assertThat(deaf.send(CHAT, "Cache-Control", "no-store").cacheStatus()).isEqualTo("Hit");
    }

    @Test
    void aBodyThatIsNoJsonObjectGoesThroughUncached() {
        route.ai.status(400).json("{\"error\":{\"message\":\"body is not valid JSON\"}}");
        assertThat(route.send("{\"messages\": [").cacheStatus()).isEqualTo("Bypass");
        assertThat(route.send("{\"messages\": [").cacheStatus()).isEqualTo("Bypass");
        assertThat(route.ai.calls).hasValue(2);
    }

    @Test
    void redisDownIsABypassLoggedOnceAndCachingResumesWhenItIsBack() {
        CachedRoute redisRoute = new CachedRoute(Map.of("strategy", "redis", "redis", Map.of("host", "redis.internal")));
        FlakyRedis redis = new FlakyRedis(redisRoute.fakeServices);
        redisRoute.services = redis;
        redis.down.set(true);
        java.util.List<String> logged = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Exchange e = redisRoute.send(CHAT);
            assertThat(e.cacheStatus()).isEqualTo("Bypass");
            assertThat(e.body()).isEqualTo(FakeAi.JSON_ANSWER);
            logged.addAll(e.ctx().logLines());
            redisRoute.clock.advance(AnswerStore.RETRY_AFTER.plusMillis(1));
        }
        assertThat(logged).singleElement().asString().startsWith("WARNING " + AnswerStore.UNAVAILABLE)
                .contains("connection refused");
        redisRoute.send(CHAT); // asks, fails again: no Redis call for RETRY_AFTER
        int asked = redis.asked;
        assertThat(redisRoute.send(CHAT).cacheStatus()).isEqualTo("Bypass");
        assertThat(redis.asked).as("not asked again within RETRY_AFTER").isEqualTo(asked);

        redis.down.set(false);
        redisRoute.clock.advance(AnswerStore.RETRY_AFTER.plusMillis(1));
        Exchange back = redisRoute.send(CHAT);
        assertThat(back.cacheStatus()).isEqualTo("Miss");
        assertThat(back.ctx().logLines()).containsExactly("INFO " + AnswerStore.BACK);
        assertThat(redisRoute.send(CHAT).cacheStatus()).isEqualTo("Hit");
        assertThat(redis.settings).isEqualTo(RedisSettings.builder("redis.internal", 6379).database(0).timeout(Duration.ofMillis(2000)).ssl(false).build());
    }

    @Test
    void withoutAnAiHandlerTheCacheStandsAsideAndSaysSoOnce() {
        for (int i = 0; i < 2; i++) {
            FakePluginContext ctx = FakePluginContext.builder().method("POST").body(CHAT).services(route.services)
                    .build().in(Phase.ACCESS);
            route.plugin.access(ctx);
            assertThat(ctx.upstreamHandler()).isEmpty();
            assertThat(ctx.logLines()).hasSize(i == 0 ? 1 : 0);
        }
    }

    @Test
    void anEarlierExitIsLeftAlone() {
        FakePluginContext ctx = FakePluginContext.builder().method("POST").body(CHAT).services(route.services)
                .build().in(Phase.ACCESS);
        ctx.upstreamRequest().setHandler(route.ai);
        ctx.response().exit(401, Map.of("message", "Unauthorized"));
        route.plugin.access(ctx);
        assertThat(ctx.upstreamHandler()).containsSame(route.ai);
    }

    /** Redis whose connection can be cut: every call fails while {@link #down} is set. */
    static final class FlakyRedis implements HostServices {
        final AtomicBoolean down = new AtomicBoolean();
        private final HostServices delegate;
        RedisSettings settings;
        int asked;

        FlakyRedis(HostServices delegate) {
            this.delegate = delegate;
        }

        @Override
        public Counters localCounters() {
            return delegate.localCounters();
        }

        @Override
        public Counters redisCounters(RedisSettings s) {
            return delegate.redisCounters(s);
        }

        @Override
        public KeyValueCache cache() {
            throw new AssertionError("strategy redis must not use the node's cache");
        }

        @Override
        public KeyValueCache redisCache(RedisSettings s) {
            settings = s;
            KeyValueCache real = delegate.redisCache(s);
            return new KeyValueCache() {
                @Override
                public Optional<byte[]> get(String key) {
                    check();
                    return real.get(key);
                }

                @Override
                public void put(String key, byte[] value, Duration ttl) {
                    check();
                    real.put(key, value, ttl);
                }

                @Override
                public void remove(String key) {
                    check();
                    real.remove(key);
                }
            };
        }

        private void check() {
            asked++;
            if (down.get()) {
                throw new KeyValueCache.CacheUnavailableException("redis redis.internal:6379: connection refused", null);
            }
        }

        @Override
        public Clock clock() {
            return delegate.clock();
        }
    }
}
