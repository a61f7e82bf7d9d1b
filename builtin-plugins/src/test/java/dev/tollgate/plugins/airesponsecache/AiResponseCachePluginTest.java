package dev.tollgate.plugins.airesponsecache;

import static dev.tollgate.plugins.airesponsecache.CachedRoute.CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.plugins.airesponsecache.CachedRoute.Exchange;
import dev.tollgate.sdk.ConsumerInfo;
import dev.tollgate.sdk.CredentialInfo;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.llm.LlmUsage;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.Test;

/** Whole (JSON) answers: hits, misses, what is stored and what is not. */
class AiResponseCachePluginTest {
    private final CachedRoute route = new CachedRoute();

    @Test
    void theSecondIdenticalRequestIsAnsweredFromTheCache() {
        Exchange first = route.send(CHAT);
        assertThat(first.cacheStatus()).isEqualTo("Miss");
        assertThat(first.body()).isEqualTo(FakeAi.JSON_ANSWER);
        assertThat(first.usage().cacheStatus()).contains("Miss");
        assertThat(first.usage().promptTokens()).isEqualTo(12);

        route.clock.advance(Duration.ofSeconds(42));
        Exchange second = route.send(CHAT.replace("{\"model\":\"gpt-4o\",", "{ \"model\" : \"gpt-4o\" ,"));

        assertThat(route.ai.calls).as("the provider was called once").hasValue(1);
        assertThat(second.cacheStatus()).isEqualTo("Hit");
        assertThat(second.header("age")).contains("42");
        assertThat(second.reply().status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(FakeAi.JSON_ANSWER);
        assertThat(second.header("content-type")).contains("application/json");
        assertThat(second.header("x-tollgate-provider")).contains("openai");
        assertThat(second.header("x-tollgate-model")).contains("gpt-4o-2024");
    }

    @Test
    void aHitReportsTheSavedTokensOfTheOriginalCall() {
        route.send(CHAT);
        LlmUsage hit = route.send(CHAT).usage();
        assertThat(hit.cacheStatus()).contains("Hit");
        assertThat(hit.provider()).isEqualTo("openai");
        assertThat(hit.requestedModel()).contains("gpt-4o");
        assertThat(hit.model()).isEqualTo("gpt-4o-2024");
        assertThat(hit.routeType()).isEqualTo("llm/v1/chat");
        assertThat(List.of(hit.promptTokens(), hit.completionTokens(), hit.cachedPromptTokens())).containsExactly(12L, 3L, 2L);
        assertThat(hit.cost()).as("the gateway prices it").isEmpty();
        assertThat(hit.status()).isEqualTo(200);
    }

    @Test
    void aDifferentRequestMisses() {
        route.send(CHAT);
        assertThat(route.send(CHAT.replace("{\"model\"", "{\"temperature\":0.2,\"model\"")).cacheStatus()).isEqualTo("Miss");
        assertThat(route.send(CHAT.replace("Hello", "Hello!")).cacheStatus()).isEqualTo("Miss");
        assertThat(route.ai.calls).hasValue(3);
    }

    @Test
    void errorsAreNeverCached() {
        route.ai.status(429).json("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\",\"code\":null}}");
        assertThat(route.send(CHAT).cacheStatus()).isEqualTo("Miss");
        Exchange again = route.send(CHAT);
        assertThat(again.cacheStatus()).isEqualTo("Miss");
        assertThat(again.reply().status()).isEqualTo(429);
        assertThat(route.ai.calls).hasValue(2);
    }

    @Test
    void answersOverMaxEntryBytesAreServedButNotCached() {
        CachedRoute small = new CachedRoute(Map.of("max_entry_bytes", 1024));
        String huge = FakeAi.JSON_ANSWER.replace("Hi!", "y".repeat(5000));
        small.ai.json(huge);
        assertThat(small.send(CHAT).body()).isEqualTo(huge);
        Exchange again = small.send(CHAT);
        assertThat(again.cacheStatus()).isEqualTo("Miss");
        assertThat(again.body()).isEqualTo(huge);
        assertThat(small.ai.calls).hasValue(2);
    }

    @Test
    void entriesExpireAfterCacheTtl() {
        CachedRoute shortLived = new CachedRoute(Map.of("cache_ttl", 5));
        shortLived.send(CHAT);
        shortLived.clock.advance(Duration.ofSeconds(4));
        assertThat(shortLived.send(CHAT).cacheStatus()).isEqualTo("Hit");
        shortLived.clock.advance(Duration.ofSeconds(2));
        assertThat(shortLived.send(CHAT).cacheStatus()).isEqualTo("Miss");
        assertThat(shortLived.ai.calls).hasValue(2);
    }

    @Test
    void theKeyIsTakenFromTheBodyAsRequestPluginsLeftIt() {
        route.send(CHAT);
        FakePluginContext.Builder b = FakePluginContext.builder().method("POST").body(CHAT.replace("Hello", "Bonjour"))
                .services(route.services);
        FakePluginContext ctx = b.build().in(Phase.ACCESS);
        ctx.upstreamRequest().setHandler(route.ai);
        route.plugin.access(ctx);
        ctx.upstreamRequest().setBody(CHAT.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // a later plugin's rewrite
        assertThat(ctx.callUpstreamHandler().headers().get("x-cache-status")).containsExactly("Hit");
    }

    @Test
    void cacheByConsumerKeepsConsumersApart() {
        CachedRoute perConsumer = new CachedRoute(Map.of("cache_by_consumer", true));
        ConsumerInfo alice = ConsumerInfo.builder("c-alice").username("alice").build();
        ConsumerInfo bob = ConsumerInfo.builder("c-bob").username("bob").build();
        assertThat(as(perConsumer, alice).cacheStatus()).isEqualTo("Miss");
        assertThat(as(perConsumer, alice).cacheStatus()).isEqualTo("Hit");
        assertThat(as(perConsumer, bob).cacheStatus()).isEqualTo("Miss");
        assertThat(perConsumer.send(CHAT).cacheStatus()).as("the anonymous share theirs").isEqualTo("Miss");
        assertThat(route.send(CHAT).cacheStatus()).as("shared by default").isEqualTo("Miss");
        assertThat(route.send(CHAT).cacheStatus()).isEqualTo("Hit");
    }

    @Test
    void varyHeadersSplitTheCache() {
        CachedRoute perTenant = new CachedRoute(Map.of("vary_headers", List.of("X-Tenant")));
        assertThat(perTenant.send(CHAT, "X-Tenant", "a").cacheStatus()).isEqualTo("Miss");
        assertThat(perTenant.send(CHAT, "x-tenant", "a").cacheStatus()).isEqualTo("Hit");
        assertThat(perTenant.send(CHAT, "X-Tenant", "b").cacheStatus()).isEqualTo("Miss");
        assertThat(perTenant.send(CHAT).cacheStatus()).isEqualTo("Miss");
    }

    @Test
    void aDamagedEntryIsAMissAndIsReplaced() {
        route.send(CHAT);
        String key = CacheKey.of(CHAT.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new CacheKey.Scope("route-1", Optional.empty(), Map.of())).orElseThrow();
        route.services.cache().put(key, new byte[] {0, 0, 0, 1, 7}, Duration.ofMinutes(1));
        assertThat(route.send(CHAT).cacheStatus()).isEqualTo("Miss");
        assertThat(route.send(CHAT).cacheStatus()).isEqualTo("Hit");
    }

    @Test
    void aHitKeepsTheProxysDecisionNotToRecordUsage() {
        route.ai.notRecorded();
        route.send(CHAT);
        assertThat(route.send(CHAT).usage().cacheStatus()).contains("Hit");
        // FakePluginContext records the usage either way; the flag travels with the stored answer:
        String key = CacheKey.of(CHAT.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new CacheKey.Scope("route-1", Optional.empty(), Map.of())).orElseThrow();
        assertThat(CachedAnswer.decode(route.services.cache().get(key).orElseThrow()).orElseThrow().usage().orElseThrow()
                .recorded()).isFalse();
    }

    private static Exchange as(CachedRoute route, ConsumerInfo consumer) {
        return route.send(FakePluginContext.builder().method("POST").body(CHAT).services(route.services),
                ctx -> ctx.identity().authenticate(consumer, CredentialInfo.builder("k-" + consumer.id(), "key-auth", consumer.id(), "key").build()));
    }
}
