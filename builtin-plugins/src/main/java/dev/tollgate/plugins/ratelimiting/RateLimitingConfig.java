package dev.tollgate.plugins.ratelimiting;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.commons.limits.CounterStore;
import dev.tollgate.commons.support.RedisFields;
import dev.tollgate.commons.limits.Window;
import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.commons.limits.ClientKey;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A validated {@code rate-limiting} configuration. The constructor holds the rules over several
 * fields, so the schema (which is {@code parsedBy} {@link #from}) and direct construction refuse the same things
 * with the same words.
 *
 * @param limits            requests allowed per window, shortest window first; at least one
 * @param headerName        set when {@code limitBy} is {@link LimitBy#HEADER}
 * @param path              set when {@code limitBy} is {@link LimitBy#PATH}
 * @param redis             set when {@code policy} is {@link CounterStore#REDIS}
 */
record RateLimitingConfig(Map<Window, Double> limits, LimitBy limitBy, Optional<String> headerName,
                          Optional<String> path, CounterStore policy, boolean faultTolerant, boolean hideClientHeaders,
                          int errorCode, String errorMessage, Optional<RedisSettings> redis) {

    static final String AT_LEAST_ONE_LIMIT = "at least one of these fields must be non-null: 'config.second', "
            + "'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'";
    static final String HEADER_NAME_REQUIRED = "'config.header_name' is required when 'config.limit_by' is 'header'";
    static final String PATH_REQUIRED = "'config.path' is required when 'config.limit_by' is 'path'";
    static final String REDIS_HOST_REQUIRED = "'config.redis.host' is required when 'config.policy' is 'redis'";
    static final String DEFAULT_ERROR_MESSAGE = "API rate limit exceeded";
    static final int DEFAULT_ERROR_CODE = 429;

    /** What requests are counted by. */
    enum LimitBy { CONSUMER, CREDENTIAL, IP, SERVICE, HEADER, PATH }

    RateLimitingConfig {
        requireNonNull(limits, "limits");
        limitBy = limitBy == null ? LimitBy.CONSUMER : limitBy;
        headerName = headerName == null ? Optional.empty() : headerName.filter(h -> !h.isBlank());
        path = path == null ? Optional.empty() : path;
        policy = policy == null ? CounterStore.LOCAL : policy;
        errorMessage = errorMessage == null ? DEFAULT_ERROR_MESSAGE : errorMessage;
        redis = redis == null ? Optional.empty() : redis;

        if (limits.isEmpty()) {
            throw new IllegalArgumentException(AT_LEAST_ONE_LIMIT);
        }
        limits.forEach((window, limit) -> {
            if (limit == null || limit < 0 || limit.isNaN() || limit.isInfinite()) {
                throw new IllegalArgumentException("config." + window.field() + ": " + limit + " (expected: >= 0)");
            }
        });
        if (errorCode < 200 || errorCode > 599) {
            throw new IllegalArgumentException("config.error_code: " + errorCode + " (expected: 200..599)");
        }
        EnumMap<Window, Double> ordered = new EnumMap<>(limits);
        checkOrder(ordered);
        limits = Collections.unmodifiableMap(ordered);

        if (limitBy == LimitBy.HEADER && headerName.isEmpty()) {
            throw new IllegalArgumentException(HEADER_NAME_REQUIRED);
        }
        if (limitBy == LimitBy.PATH && path.isEmpty()) {
            throw new IllegalArgumentException(PATH_REQUIRED);
        }
        if (policy == CounterStore.REDIS && !RedisFields.hasHost(redis)) {
            throw new IllegalArgumentException(REDIS_HOST_REQUIRED);
        }
    }

    /** Maps a configuration the schema's fields have accepted. */
    static RateLimitingConfig from(PluginConfig config) {
        Map<Window, Double> limits = new EnumMap<>(Window.class);
        for (Window w : Window.values()) {
            config.number(w.field()).ifPresent(limit -> limits.put(w, limit));
        }
        CounterStore policy = enumValue(CounterStore.class, config.string("policy").orElse("local"));
        return new RateLimitingConfig(limits,
                enumValue(LimitBy.class, config.string("limit_by").orElse("consumer")),
                config.string("header_name"),
                config.string("path"),
                policy,
                config.bool("fault_tolerant"),
                config.bool("hide_client_headers"),
                config.integer("error_code").map(Long::intValue).orElse(DEFAULT_ERROR_CODE),
                config.string("error_message").orElse(DEFAULT_ERROR_MESSAGE),
                policy == CounterStore.REDIS ? RedisFields.settings(config.record("redis")) : Optional.empty());
    }

    // Kong refuses, say, minute=100 with hour=10: the hour limit would make the minute one a lie.
    private static void checkOrder(EnumMap<Window, Double> limits) {
        for (var smaller : limits.entrySet()) {
            for (var larger : limits.entrySet()) {
                if (larger.getKey().compareTo(smaller.getKey()) > 0 && larger.getValue() < smaller.getValue()) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "The limit for %s(%.1f) cannot be lower than the limit for %s(%.1f)",
                            larger.getKey().field(), larger.getValue(), smaller.getKey().field(), smaller.getValue()));
                }
            }
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    static final ConfigSchema SCHEMA = limits(ConfigSchema.builder())
            .field(Field.string("limit_by").oneOf("consumer", "credential", "ip", "service", "header", "path")
                    .defaultValue("consumer")
                    .description("What requests are counted by: consumer (the client IP when no consumer is "
                            + "authenticated), credential (likewise), ip, service, header (header_name's value; the "
                            + "client IP when it is absent) or path (only requests to path are limited)."))
            .field(Field.string("header_name").check(v -> ((String) v).matches(ClientKey.HEADER_NAME), "a header name")
                    .description("The header whose value identifies the client; required when limit_by is header."))
            .field(Field.string("path").check(v -> ((String) v).startsWith("/"), "a path starting with '/'")
                    .description("The request path that is limited; required when limit_by is path."))
            .field(Field.string("policy").oneOf("local", "redis").defaultValue("local")
                    .description("Where counters are kept: local (this node's memory; each node counts on its "
                            + "own) or redis (shared by every node)."))
            .field(Field.bool("fault_tolerant").defaultValue(Boolean.TRUE)
                    .description("When the counters cannot be reached: true lets requests through without "
                            + "rate-limit headers, false answers 500."))
            .field(Field.bool("hide_client_headers").defaultValue(Boolean.FALSE)
                    .description("Leave the rate-limit headers, Retry-After included, out of responses."))
            .field(Field.integer("error_code").min(200).max(599).defaultValue(429L)
                    .description("The status of the answer to a request over a limit."))
            .field(Field.string("error_message").defaultValue(RateLimitingConfig.DEFAULT_ERROR_MESSAGE)
                    .description("The message of the answer to a request over a limit."))
            .field(Field.record("redis", RedisFields.schema("the counters"))
                    .description("The Redis server that holds the counters when policy is redis."))
            .parsedBy(RateLimitingConfig::from)
            .build();

    private static ConfigSchema.Builder limits(ConfigSchema.Builder schema) {
        for (Window w : Window.values()) {
            schema.field(Field.number(w.field()).min(0)
                    .description("Requests a client may make per " + w.field() + lengthNote(w) + "; unset for no limit."));
        }
        return schema;
    }

    private static String lengthNote(Window w) {
        return switch (w) {
            case MONTH -> " (a fixed 30 days, not a calendar month)";
            case YEAR -> " (a fixed 365 days, not a calendar year)";
            default -> "";
        };
    }
}
