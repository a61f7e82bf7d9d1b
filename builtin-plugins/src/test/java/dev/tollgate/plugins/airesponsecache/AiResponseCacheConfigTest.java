package dev.tollgate.plugins.airesponsecache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.plugins.airesponsecache.AiResponseCacheConfig.Strategy;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.SchemaViolationException;

class AiResponseCacheConfigTest {
    private final AiResponseCachePluginFactory factory = new AiResponseCachePluginFactory();

    private PluginConfig validate(Map<String, ?> input) {
        return factory.configSchema().validate(input);
    }

    private Map<String, String> errors(Map<String, ?> input) {
        try {
            validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void runsInAccessRightAfterAiProxy() {
        assertThat(factory.name()).isEqualTo("ai-response-cache");
        assertThat(factory.priority()).isEqualTo(765).isLessThan(770);
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.ACCESS));
    }

    @Test
    void everyFieldIsDescribedAndThePasswordIsSecret() {
        assertThat(factory.configSchema().fields()).extracting(Field::name).containsExactly("strategy", "cache_ttl",
                "cache_control", "cache_by_consumer", "vary_headers", "max_entry_bytes", "redis");
        assertThat(factory.configSchema().fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        Field redis = factory.configSchema().field("redis").orElseThrow();
        assertThat(redis.record().orElseThrow().fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        assertThat(redis.record().orElseThrow().field("password").orElseThrow().secret()).isTrue();
    }

    @Test
    void defaults() {
        AiResponseCacheConfig c = AiResponseCacheConfig.from(validate(Map.of()));
        assertThat(c).isEqualTo(new AiResponseCacheConfig(Strategy.MEMORY, Duration.ofSeconds(300), true, false,
                List.of(), 1_048_576, Optional.empty()));
    }

    @Test
    void fullMapping() {
        AiResponseCacheConfig c = AiResponseCacheConfig.from(validate(Map.of("strategy", "redis", "cache_ttl", 60,
                "cache_control", false, "cache_by_consumer", true, "vary_headers", List.of("X-Tenant", "accept-language"),
                "max_entry_bytes", 4096, "redis", Map.of("host", "redis.internal", "port", 6380, "password", "pw",
                        "database", 3, "timeout", 250, "ssl", true))));
        assertThat(c).isEqualTo(new AiResponseCacheConfig(Strategy.REDIS, Duration.ofSeconds(60), false, true,
                List.of("accept-language", "x-tenant"), 4096,
                Optional.of(RedisSettings.builder("redis.internal", 6380).password("pw").database(3).timeout(Duration.ofMillis(250)).ssl(true).build())));
    }

    @Test
    void redisNeedsAHost() {
        assertThat(errors(Map.of("strategy", "redis"))).containsEntry("@entity", AiResponseCacheConfig.REDIS_HOST_REQUIRED);
        assertThat(errors(Map.of("strategy", "redis", "redis", Map.of("host", " "))))
                .containsEntry("@entity", AiResponseCacheConfig.REDIS_HOST_REQUIRED);
    }

    @Test
    void wrongTypesAndOutOfRangeValuesNameTheField() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("strategy", "disk");
        bad.put("cache_ttl", "five minutes");
        bad.put("cache_control", "yes");
        bad.put("max_entry_bytes", 10);
        bad.put("vary_headers", List.of("bad header"));
        assertThat(errors(bad)).containsKeys("strategy", "cache_ttl", "cache_control",
                "max_entry_bytes", "vary_headers");
        assertThat(errors(Map.of("cache_ttl", 0))).containsKey("cache_ttl");
        assertThat(errors(Map.of("cache_ttl", 31L * 24 * 3600))).containsKey("cache_ttl");
        assertThat(errors(Map.of("max_entry_bytes", 17 * 1024 * 1024))).containsKey("max_entry_bytes");
        assertThat(errors(Map.of("vary_headers", java.util.Collections.nCopies(21, "x-a")))).containsKey("vary_headers");
        assertThat(errors(Map.of("ttl", 5))).containsKey("ttl");
    }

    @Test
    void directConstructionRefusesWhatTheSchemaRefuses() {
        assertThatThrownBy(() -> new AiResponseCacheConfig(Strategy.MEMORY, Duration.ZERO, true, false, List.of(),
                4096, Optional.empty())).hasMessageContaining("config.cache_ttl: 0");
        assertThatThrownBy(() -> new AiResponseCacheConfig(Strategy.MEMORY, Duration.ofSeconds(1), true, false,
                List.of(), 100, Optional.empty())).hasMessageContaining("config.max_entry_bytes: 100");
    }
}
