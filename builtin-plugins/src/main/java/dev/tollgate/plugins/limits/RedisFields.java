package dev.tollgate.plugins.limits;

import java.time.Duration;
import java.util.Optional;

import dev.tollgate.sdk.RedisSettings;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/** The {@code redis} record of the limit plugins' configurations: the server that holds shared counters. */
public final class RedisFields {
    public static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("host").description("The Redis server's host name or IP address."))
            .field(Field.integer("port").min(1).max(65_535).defaultValue(6379L)
                    .description("The Redis server's port."))
            .field(Field.string("password").secret()
                    .description("The password to authenticate with; leave unset when the server needs none."))
            .field(Field.integer("database").min(0).defaultValue(0L)
                    .description("The Redis database number the counters are kept in."))
            .field(Field.integer("timeout").min(1).max(Integer.MAX_VALUE).defaultValue(2000L)
                    .description("Milliseconds to wait for connecting and for each command."))
            .field(Field.bool("ssl").defaultValue(Boolean.FALSE)
                    .description("Connect to Redis over TLS."))
            .build();

    private RedisFields() {
    }

    /** The settings of a {@code redis} record the schema has accepted. */
    public static RedisSettings settings(PluginConfig redis) {
        return new RedisSettings(redis.string("host").orElse(null),
                redis.integer("port").orElse(6379L).intValue(),
                redis.string("password").orElse(null),
                redis.integer("database").orElse(0L).intValue(),
                Duration.ofMillis(redis.integer("timeout").orElse(2000L)),
                redis.bool("ssl"));
    }

    /** True when {@code redis} names a server, as the redis store needs. */
    public static boolean hasHost(Optional<RedisSettings> redis) {
        return redis.map(RedisSettings::host).filter(h -> !h.isBlank()).isPresent();
    }
}
