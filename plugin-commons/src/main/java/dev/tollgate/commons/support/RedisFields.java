package dev.tollgate.commons.support;

import java.time.Duration;
import java.util.Optional;

import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * The {@code redis} record of a plugin that keeps shared state in Redis, with Kong's field names
 * ({@code host}, {@code port}, {@code password}, {@code database}, {@code timeout}, {@code ssl}).
 */
public final class RedisFields {
    private RedisFields() {
    }

    /** The record's fields; {@code kept} names what the database holds ("the counters"). */
    public static ConfigSchema schema(String kept) {
        return ConfigSchema.builder()
                .field(Field.string("host").description("The Redis server's host name or IP address."))
                .field(Field.integer("port").min(1).max(65_535).defaultValue(6379L)
                        .description("The Redis server's port."))
                .field(Field.string("password").secret()
                        .description("The password to authenticate with; leave unset when the server needs none."))
                .field(Field.integer("database").min(0).defaultValue(0L)
                        .description("The Redis database number " + kept + " are kept in."))
                .field(Field.integer("timeout").min(1).max(Integer.MAX_VALUE).defaultValue(2000L)
                        .description("Milliseconds to wait for connecting and for each command."))
                .field(Field.bool("ssl").defaultValue(Boolean.FALSE)
                        .description("Connect to Redis over TLS."))
                .build();
    }

    /** The settings a record of {@link #schema} holds; empty when it names no host. */
    public static Optional<RedisSettings> settings(PluginConfig redis) {
        return redis.string("host").filter(h -> !h.isBlank()).map(host -> RedisSettings
                .builder(host, redis.integer("port").orElse(6379L).intValue())
                .password(redis.string("password").orElse(null))
                .database(redis.integer("database").orElse(0L).intValue())
                .timeout(Duration.ofMillis(redis.integer("timeout").orElse(2000L)))
                .ssl(redis.bool("ssl"))
                .build());
    }

    /** True when {@code redis} names a server, as a redis strategy needs. */
    public static boolean hasHost(Optional<RedisSettings> redis) {
        return redis.map(RedisSettings::host).filter(h -> !h.isBlank()).isPresent();
    }
}
