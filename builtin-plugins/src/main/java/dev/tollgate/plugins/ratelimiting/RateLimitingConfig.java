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
                policy == CounterStore.REDIS ? Optional.of(RedisFields.settings(config.record("redis"))) : Optional.empty());
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
}
