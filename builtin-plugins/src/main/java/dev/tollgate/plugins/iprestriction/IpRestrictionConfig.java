package dev.tollgate.plugins.iprestriction;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code ip-restriction} configuration, with Kong's field names.
 *
 * @param allow   the ranges let in; empty to let in all that {@code deny} does not refuse
 * @param deny    the ranges refused, even when {@code allow} holds them
 * @param status  the status of the answer to a refused client
 * @param message the message of that answer
 */
record IpRestrictionConfig(List<IpRange> allow, List<IpRange> deny, int status, String message) {

    static final String DEFAULT_MESSAGE = "Your IP address is not allowed";
    static final int DEFAULT_STATUS = 403;
    static final String AT_LEAST_ONE_LIST = "at least one of these fields must be non-empty: 'config.allow', 'config.deny'";

    private static final String RANGES = "IP addresses or CIDR ranges, like 10.0.0.1, 10.0.0.0/8 or 2001:db8::/32";

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.strings("allow")
                    .check(v -> ((List<?>) v).stream().allMatch(s -> IpRange.isValid((String) s)), RANGES)
                    .description("IP addresses and CIDR ranges (IPv4 or IPv6) allowed in; every other client is "
                            + "refused. Leave unset to allow every client deny does not list."))
            .field(Field.strings("deny")
                    .check(v -> ((List<?>) v).stream().allMatch(s -> IpRange.isValid((String) s)), RANGES)
                    .description("IP addresses and CIDR ranges (IPv4 or IPv6) refused, even when allow lists them."))
            .field(Field.integer("status").min(200).max(599).defaultValue((long) DEFAULT_STATUS)
                    .description("The HTTP status of the answer to a refused client."))
            .field(Field.string("message").defaultValue(DEFAULT_MESSAGE)
                    .description("The message of the answer to a refused client, sent as {\"message\": ...}."))
            .parsedBy(IpRestrictionConfig::from)
            .build();

    IpRestrictionConfig {
        allow = List.copyOf(requireNonNull(allow, "allow"));
        deny = List.copyOf(requireNonNull(deny, "deny"));
        message = message == null ? DEFAULT_MESSAGE : message;
        if (allow.isEmpty() && deny.isEmpty()) {
            throw new IllegalArgumentException(AT_LEAST_ONE_LIST);
        }
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("config.status: " + status + " (expected: 200..599)");
        }
    }

    /** Maps a configuration the schema's fields have accepted. */
    static IpRestrictionConfig from(PluginConfig config) {
        return new IpRestrictionConfig(ranges(config.strings("allow")), ranges(config.strings("deny")),
                config.integer("status").orElse((long) DEFAULT_STATUS).intValue(),
                config.string("message").orElse(DEFAULT_MESSAGE));
    }

    private static List<IpRange> ranges(List<String> texts) {
        return texts.stream().map(IpRange::parse).toList();
    }
}
