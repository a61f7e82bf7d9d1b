package dev.tollgate.plugins.ratelimiting;

import dev.tollgate.commons.limits.Window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.plugins.ratelimiting.RateLimitingConfig.LimitBy;
import dev.tollgate.commons.limits.CounterStore;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.SchemaViolationException;

class RateLimitingConfigTest {
    private final RateLimitingPluginFactory factory = new RateLimitingPluginFactory();

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

    private static Map<String, Object> with(Map<String, ?> base, Object... more) {
        Map<String, Object> out = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            out.put((String) more[i], more[i + 1]);
        }
        return out;
    }

    @Test
    void factoryIsKongsRateLimiting() {
        assertThat(factory.name()).isEqualTo("rate-limiting");
        assertThat(factory.priority()).isEqualTo(910);
        assertThat(factory.version()).isEqualTo("1.0.0");
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.ACCESS));
        assertThat(factory.credentialType()).isEmpty();
    }

    @Test
    void everyFieldIsDescribedAndThePasswordIsSecret() {
        ConfigSchema schema = factory.configSchema();
        assertThat(schema.fields()).extracting(Field::name).containsExactly("second", "minute", "hour", "day",
                "month", "year", "limit_by", "header_name", "path", "policy", "fault_tolerant",
                "hide_client_headers", "error_code", "error_message", "redis");
        ConfigSchema redis = schema.field("redis").flatMap(Field::record).orElseThrow();
        assertThat(redis.fields()).extracting(Field::name)
                .containsExactly("host", "port", "password", "database", "timeout", "ssl");
        assertThat(schema.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        assertThat(redis.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        assertThat(redis.field("password").orElseThrow().secret()).isTrue();
    }

    @Test
    void defaults() {
        PluginConfig config = validate(Map.of("minute", 5));
        Map<String, Object> redis = new LinkedHashMap<>();
        redis.put("host", null);
        redis.put("port", 6379L);
        redis.put("password", null);
        redis.put("database", 0L);
        redis.put("timeout", 2000L);
        redis.put("ssl", false);
        assertThat(config.asMap()).containsEntry("minute", 5.0).containsEntry("second", null)
                .containsEntry("limit_by", "consumer").containsEntry("header_name", null).containsEntry("path", null)
                .containsEntry("policy", "local").containsEntry("fault_tolerant", true)
                .containsEntry("hide_client_headers", false).containsEntry("error_code", 429L)
                .containsEntry("error_message", "API rate limit exceeded").containsEntry("redis", redis);

        assertThat(RateLimitingConfig.from(config)).isEqualTo(new RateLimitingConfig(Map.of(Window.MINUTE, 5.0),
                LimitBy.CONSUMER, Optional.empty(), Optional.empty(), CounterStore.LOCAL, true, false, 429,
                "API rate limit exceeded", Optional.empty()));
    }

    @Test
    void fullMapping() {
        Map<String, Object> input = new HashMap<>(Map.of("second", 1, "minute", 10, "hour", 100, "day", 1000,
                "month", 10_000, "year", 100_000.5, "limit_by", "header", "header_name", "X-Tenant",
                "path", "/v1/chat", "policy", "redis"));
        input.putAll(Map.of("fault_tolerant", false, "hide_client_headers", true, "error_code", 503,
                "error_message", "Slow down", "redis", Map.of("host", "redis.internal", "port", 6380,
                        "password", "s3cret", "database", 3, "timeout", 750, "ssl", true)));

        RateLimitingConfig config = RateLimitingConfig.from(validate(input));

        assertThat(config).isEqualTo(new RateLimitingConfig(
                Map.of(Window.SECOND, 1.0, Window.MINUTE, 10.0, Window.HOUR, 100.0, Window.DAY, 1000.0,
                        Window.MONTH, 10_000.0, Window.YEAR, 100_000.5),
                LimitBy.HEADER, Optional.of("X-Tenant"), Optional.of("/v1/chat"), CounterStore.REDIS, false, true, 503,
                "Slow down", Optional.of(RedisSettings.builder("redis.internal", 6380).password("s3cret").database(3).timeout(Duration.ofMillis(750)).ssl(true).build())));
        assertThat(config.limits().keySet()).as("shortest window first").containsExactly(Window.values());
    }

    @Test
    void formValuesAreAccepted() {
        RateLimitingConfig config = RateLimitingConfig.from(validate(Map.of("minute", "5", "policy", "local",
                "hide_client_headers", "true", "error_code", "503")));
        assertThat(config.limits()).isEqualTo(Map.of(Window.MINUTE, 5.0));
        assertThat(config.hideClientHeaders()).isTrue();
        assertThat(config.errorCode()).isEqualTo(503);
    }

    @Test
    void atLeastOneLimitIsRequired() {
        assertThat(errors(Map.of())).containsExactly(Map.entry("@entity", "at least one of these fields must be "
                + "non-null: 'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', "
                + "'config.year'"));
        assertThat(errors(Map.of("policy", "local"))).containsEntry("@entity", RateLimitingConfig.AT_LEAST_ONE_LIMIT);
    }

    @Test
    void aSmallerWindowMayNotAllowMoreThanALargerOne() {
        assertThat(errors(Map.of("minute", 100, "hour", 10))).containsExactly(Map.entry("@entity",
                "The limit for hour(10.0) cannot be lower than the limit for minute(100.0)"));
        assertThat(errors(Map.of("second", 5, "year", 4))).containsEntry("@entity",
                "The limit for year(4.0) cannot be lower than the limit for second(5.0)");
        validate(Map.of("second", 5, "minute", 5, "day", 1000));
    }

    @Test
    void headerAndPathAreRequiredByTheirLimitBy() {
        assertThat(errors(Map.of("minute", 1, "limit_by", "header")))
                .containsExactly(Map.entry("@entity", RateLimitingConfig.HEADER_NAME_REQUIRED));
        assertThat(errors(Map.of("minute", 1, "limit_by", "path")))
                .containsExactly(Map.entry("@entity", RateLimitingConfig.PATH_REQUIRED));
        validate(Map.of("minute", 1, "limit_by", "header", "header_name", "X-Tenant"));
        validate(Map.of("minute", 1, "limit_by", "path", "path", "/v1/chat"));
    }

    @Test
    void redisPolicyNeedsAHost() {
        assertThat(errors(Map.of("minute", 1, "policy", "redis")))
                .containsExactly(Map.entry("@entity", RateLimitingConfig.REDIS_HOST_REQUIRED));
        assertThat(errors(Map.of("minute", 1, "policy", "redis", "redis", Map.of("port", 6379))))
                .containsEntry("@entity", RateLimitingConfig.REDIS_HOST_REQUIRED);
        validate(Map.of("minute", 1, "policy", "local", "redis", Map.of("port", 6379)));
    }

    @Test
    void wrongTypesAndValuesNameTheField() {
        Map<String, Object> ok = Map.of("minute", 1);
        assertThat(errors(Map.of("minute", "five"))).containsEntry("minute", "expected a number, got 'five'");
        assertThat(errors(Map.of("minute", -1))).containsEntry("minute", "value -1.0 out of range (expected: 0..)");
        assertThat(errors(with(ok, "limit_by", "user"))).containsEntry("limit_by",
                "expected one of: consumer, credential, ip, service, header, path (got 'user')");
        assertThat(errors(with(ok, "policy", "cluster"))).containsEntry("policy",
                "expected one of: local, redis (got 'cluster')");
        assertThat(errors(with(ok, "fault_tolerant", "yes"))).containsEntry("fault_tolerant",
                "expected a boolean, got 'yes'");
        assertThat(errors(with(ok, "error_code", 4.5))).containsEntry("error_code",
                "expected an integer, got a number (4.5)");
        assertThat(errors(with(ok, "error_code", 700))).containsEntry("error_code",
                "value 700 out of range (expected: 200..599)");
        assertThat(errors(with(ok, "error_message", 42))).containsEntry("error_message",
                "expected a string, got a number");
        assertThat(errors(with(ok, "header_name", "X Tenant"))).containsEntry("header_name",
                "invalid value 'X Tenant' (expected: a header name)");
        assertThat(errors(with(ok, "path", "v1"))).containsEntry("path",
                "invalid value 'v1' (expected: a path starting with '/')");
        assertThat(errors(with(ok, "redis", "localhost"))).containsEntry("redis",
                "expected a record (object), got a string");
        assertThat(errors(with(ok, "redis", Map.of("port", "x")))).containsEntry("redis.port",
                "expected an integer, got 'x'");
        assertThat(errors(with(ok, "redis", Map.of("db", 1)))).containsEntry("redis.db", "unknown field");
        assertThat(errors(with(ok, "minutes", 1))).containsEntry("minutes", "unknown field");
    }

    @Test
    void theRecordRefusesWhatTheSchemaRefuses() {
        assertThatThrownBy(() -> new RateLimitingConfig(Map.of(), null, null, null, null, true, false, 429, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(RateLimitingConfig.AT_LEAST_ONE_LIMIT);
        assertThatThrownBy(() -> new RateLimitingConfig(Map.of(Window.MINUTE, 1.0), LimitBy.HEADER, Optional.of(" "),
                null, null, true, false, 429, null, null)).hasMessage(RateLimitingConfig.HEADER_NAME_REQUIRED);
        assertThatThrownBy(() -> new RateLimitingConfig(Map.of(Window.MINUTE, -1.0), null, null, null, null, true,
                false, 429, null, null)).hasMessage("config.minute: -1.0 (expected: >= 0)");

        RateLimitingConfig defaults = new RateLimitingConfig(Map.of(Window.HOUR, 1.0), null, null, null, null, true,
                false, 429, null, null);
        assertThat(defaults.limitBy()).isEqualTo(LimitBy.CONSUMER);
        assertThat(defaults.policy()).isEqualTo(CounterStore.LOCAL);
        assertThat(defaults.errorMessage()).isEqualTo("API rate limit exceeded");
    }
}
