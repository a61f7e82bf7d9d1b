package dev.tollgate.plugins.ratelimiting;

import java.util.Set;

import dev.tollgate.commons.limits.ClientKey;
import dev.tollgate.commons.support.RedisFields;
import dev.tollgate.commons.limits.Window;
import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/** {@code rate-limiting}: Kong's fixed-window request limits per second, minute, hour, day, month and year. */
public final class RateLimitingPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "rate-limiting";
    // Kong's number: below the authentication plugins, so limit_by=consumer sees who is calling.
    static final int PRIORITY = 910;

    private static final ConfigSchema SCHEMA = limits(ConfigSchema.builder())
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

    public RateLimitingPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), SCHEMA);
    }

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

    @Override
    public Plugin create(PluginConfig config) {
        return new RateLimitingPlugin(RateLimitingConfig.from(config));
    }
}
