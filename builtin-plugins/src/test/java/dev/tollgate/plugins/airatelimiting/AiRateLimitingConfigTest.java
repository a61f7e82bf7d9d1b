package dev.tollgate.plugins.airatelimiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.plugins.airatelimiting.AiRateLimitingConfig.CountStrategy;
import dev.tollgate.plugins.airatelimiting.AiRateLimitingConfig.Identifier;
import dev.tollgate.plugins.airatelimiting.TokenLimit.Type;
import dev.tollgate.commons.limits.CounterStore;
import dev.tollgate.commons.limits.Window;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.SchemaViolationException;

class AiRateLimitingConfigTest {
    private final AiRateLimitingPluginFactory factory = new AiRateLimitingPluginFactory();

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

    private static Map<String, Object> minute(Object limit) {
        return Map.of("limits", List.of(Map.of("window", "minute", "limit", limit)));
    }

    @Test
    void nameAndPriorityAndPhases() {
        assertThat(factory.name()).isEqualTo("ai-rate-limiting");
        assertThat(factory.priority()).isEqualTo(905);
        assertThat(factory.phases()).containsExactlyInAnyOrder(Phase.ACCESS, Phase.LOG);
    }

    @Test
    void everyFieldIsDescribed() {
        List<Field> all = new ArrayList<>();
        collect(factory.configSchema(), all);
        assertThat(all).hasSizeGreaterThan(15).allSatisfy(f -> assertThat(f.description()).as(f.name()).isNotBlank());
    }

    private static void collect(ConfigSchema schema, List<Field> into) {
        for (Field f : schema.fields()) {
            into.add(f);
            f.record().ifPresent(r -> collect(r, into));
        }
    }

    @Test
    void defaults() {
        AiRateLimitingConfig config = AiRateLimitingConfig.from(validate(minute(1000)));
        assertThat(config).isEqualTo(new AiRateLimitingConfig(
                List.of(new TokenLimit(0, Window.MINUTE, 1000, Type.TOKENS, List.of())), CountStrategy.TOTAL_TOKENS,
                Identifier.CONSUMER, Optional.empty(), CounterStore.LOCAL, Optional.empty(), true, false, 429,
                "AI rate limit exceeded"));
    }

    @Test
    void fullMapping() {
        Map<String, Object> input = new HashMap<>();
        input.put("limits", List.of(
                Map.of("window", "hour", "limit", 50_000, "type", "tokens"),
                Map.of("window", "month", "limit", "12.5", "type", "cost", "models", List.of("gpt-4o", "gpt-4o-mini")),
                Map.of("window", "day", "limit", 0)));
        input.put("tokens_count_strategy", "completion_tokens");
        input.put("identifier", "header");
        input.put("header_name", "X-Team");
        input.put("strategy", "redis");
        input.put("redis", Map.of("host", "redis.internal", "port", 6380, "password", "s3cret", "database", 2,
                "timeout", 500, "ssl", true));
        input.put("fault_tolerant", false);
        input.put("hide_client_headers", "true");
        input.put("error_code", 403);
        input.put("error_message", "Budget control");

        assertThat(AiRateLimitingConfig.from(validate(input))).isEqualTo(new AiRateLimitingConfig(List.of(
                new TokenLimit(0, Window.HOUR, 50_000, Type.TOKENS, List.of()),
                new TokenLimit(1, Window.MONTH, 12.5, Type.COST, List.of("gpt-4o", "gpt-4o-mini")),
                new TokenLimit(2, Window.DAY, 0, Type.TOKENS, List.of())),
                CountStrategy.COMPLETION_TOKENS, Identifier.HEADER, Optional.of("X-Team"), CounterStore.REDIS,
                Optional.of(RedisSettings.builder("redis.internal", 6380).password("s3cret").database(2).timeout(Duration.ofMillis(500)).ssl(true).build()),
                false, true, 403, "Budget control"));
    }

    @Test
    void costStrategyMakesUntypedLimitsCostLimitsAsInKong() {
        var config = AiRateLimitingConfig.from(validate(Map.of("tokens_count_strategy", "cost",
                "limits", List.of(Map.of("window", "day", "limit", 5)))));
        assertThat(config.limits().getFirst().type()).isEqualTo(Type.COST);

        assertThat(errors(Map.of("tokens_count_strategy", "cost",
                "limits", List.of(Map.of("window", "day", "limit", 5, "type", "tokens")))))
                .containsEntry("@entity", String.format(AiRateLimitingConfig.TOKENS_UNDER_COST, "config.limits[0]"));
    }

    @Test
    void badLimitsAreRefusedNamingTheField() {
        assertThat(errors(minute(-1))).containsEntry("limits[0].limit", "value -1.0 out of range (expected: 0..)");
        assertThat(errors(minute("lots"))).containsEntry("limits[0].limit", "expected a number, got 'lots'");
        assertThat(errors(minute(true))).containsKey("limits[0].limit");
        assertThat(errors(Map.of("limits", List.of(Map.of("window", "fortnight", "limit", 5)))))
                .containsEntry("limits[0].window", "expected one of: minute, hour, day, month, year (got 'fortnight')");
        assertThat(errors(Map.of("limits", List.of(Map.of("limit", 5))))).containsEntry("limits[0].window",
                "required field missing");
        assertThat(errors(Map.of("limits", List.of(Map.of("window", "day", "limit", 5, "type", "dollars")))))
                .containsKey("limits[0].type");
        assertThat(errors(Map.of("limits", List.of(Map.of("window", "day", "limit", 5, "colour", "red")))))
                .containsEntry("limits[0].colour", "unknown field");
        assertThat(errors(Map.of("limits", List.of("minute=5")))).containsKey("limits[0]");
        assertThat(errors(Map.of("limits", "minute=5"))).containsKey("limits");
        assertThat(errors(Map.of())).containsEntry("limits", "required field missing");
    }

    @Test
    void limitsAsAWholeAreChecked() {
        assertThat(errors(Map.of("limits", List.of()))).containsEntry("@entity", AiRateLimitingConfig.AT_LEAST_ONE_LIMIT);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= AiRateLimitingConfig.MAX_LIMITS; i++) {
            many.add(Map.of("window", "day", "limit", 5, "models", List.of("m" + i)));
        }
        assertThat(errors(Map.of("limits", many))).containsEntry("@entity", AiRateLimitingConfig.TOO_MANY_LIMITS);
        assertThat(errors(Map.of("limits", List.of(Map.of("window", "day", "limit", 5),
                Map.of("window", "day", "limit", 9)))))
                .containsEntry("@entity", "'config.limits[1]' has the same window, type and models as 'config.limits[0]'");
        assertThat(errors(Map.of("limits", List.of(Map.of("window", "day", "limit", 5, "models", List.of(" "))))))
                .containsEntry("@entity", "'config.limits[0].models' holds a blank model name");
        // Same window, other type or other models: separate limits.
        validate(Map.of("limits", List.of(Map.of("window", "day", "limit", 5),
                Map.of("window", "day", "limit", 5, "type", "cost"),
                Map.of("window", "day", "limit", 5, "models", List.of("gpt-4o")))));
    }

    @Test
    void identifierHeaderNeedsAHeaderName() {
        Map<String, Object> input = new HashMap<>(minute(5));
        input.put("identifier", "header");
        assertThat(errors(input)).containsEntry("@entity", AiRateLimitingConfig.HEADER_NAME_REQUIRED);
        input.put("header_name", "Bad Header");
        assertThat(errors(input)).containsKey("header_name");
        input.put("identifier", "team");
        assertThat(errors(input)).containsKey("identifier");
    }

    @Test
    void redisStrategyNeedsAHost() {
        Map<String, Object> input = new HashMap<>(minute(5));
        input.put("strategy", "redis");
        assertThat(errors(input)).containsEntry("@entity", AiRateLimitingConfig.REDIS_HOST_REQUIRED);
        input.put("redis", Map.of("host", "localhost", "port", 70_000));
        assertThat(errors(input)).containsKey("redis.port");
        input.put("strategy", "cluster");
        assertThat(errors(input)).containsKey("strategy");
    }

    @Test
    void directConstructionRefusesTheSame() {
        assertThatThrownBy(() -> new AiRateLimitingConfig(
                List.of(new TokenLimit(0, Window.DAY, Double.NaN, Type.TOKENS, List.of())),
                null, null, null, null, null, true, false, 429, null))
                .hasMessage("config.limits[0].limit: NaN (expected: >= 0)");
        assertThatThrownBy(() -> new AiRateLimitingConfig(
                List.of(new TokenLimit(0, Window.DAY, 1, Type.TOKENS, List.of())),
                null, null, null, null, null, true, false, 99, null))
                .hasMessage("config.error_code: 99 (expected: 200..599)");
    }

    @Test
    void headerNamesSayWhatIsLimited() {
        assertThat(new TokenLimit(0, Window.MINUTE, 1, Type.TOKENS, List.of()).headerSuffix()).isEqualTo("Minute");
        assertThat(new TokenLimit(0, Window.MONTH, 1, Type.COST, List.of()).headerSuffix()).isEqualTo("Cost-Month");
        assertThat(new TokenLimit(0, Window.DAY, 1, Type.TOKENS, List.of("gpt-4o", "llama3.1:8b", "models/x y"))
                .headerSuffix()).isEqualTo("Day-gpt-4o+llama3.1-8b+models-x-y");
    }

    @Test
    void aDatedSnapshotCountsAsItsModel() {
        TokenLimit l = new TokenLimit(0, Window.DAY, 1, Type.TOKENS, List.of("gpt-4o", "claude-3-5-sonnet"));
        assertThat(Set.of("gpt-4o", "gpt-4o-2024-08-06", "claude-3-5-sonnet-20241022")).allMatch(l::appliesTo);
        assertThat(Set.of("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4", "gpt-4o-2024", "gpt-4o-")).noneMatch(l::appliesTo);
    }
}
