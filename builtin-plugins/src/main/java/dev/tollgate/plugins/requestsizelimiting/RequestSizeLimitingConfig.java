package dev.tollgate.plugins.requestsizelimiting;

import static java.util.Objects.requireNonNull;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code request-size-limiting} configuration, with Kong's field names and defaults.
 *
 * @param allowedPayloadSize   the largest body let through, in {@code sizeUnit}s
 * @param requireContentLength refuse requests that do not declare their length
 */
record RequestSizeLimitingConfig(long allowedPayloadSize, SizeUnit sizeUnit, boolean requireContentLength) {
    static final long DEFAULT_SIZE = 128;
    // 2^40 megabytes still fits a long in bytes; no body comes near it.
    static final long MAX_SIZE = 1L << 40;

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.integer("allowed_payload_size").min(0).max(MAX_SIZE).defaultValue(DEFAULT_SIZE)
                    .description("The largest request body let through, in size_unit units."))
            .field(Field.string("size_unit").oneOf("bytes", "kilobytes", "megabytes").defaultValue("megabytes")
                    .description("The unit of allowed_payload_size: bytes, kilobytes (1024 bytes) or megabytes "
                            + "(1024 kilobytes)."))
            .field(Field.bool("require_content_length").defaultValue(Boolean.FALSE)
                    .description("Refuse with 411 a request without a valid Content-Length header (chunked "
                            + "uploads included), instead of reading its body to measure it."))
            .build();

    RequestSizeLimitingConfig {
        requireNonNull(sizeUnit, "sizeUnit");
        if (allowedPayloadSize < 0 || allowedPayloadSize > MAX_SIZE) {
            throw new IllegalArgumentException("config.allowed_payload_size: " + allowedPayloadSize
                    + " (expected: 0.." + MAX_SIZE + ")");
        }
    }

    /** Maps a configuration the schema has accepted. */
    static RequestSizeLimitingConfig from(PluginConfig config) {
        return new RequestSizeLimitingConfig(config.integer("allowed_payload_size").orElse(DEFAULT_SIZE),
                SizeUnit.of(config.string("size_unit").orElse("megabytes")),
                config.bool("require_content_length"));
    }

    /** The largest body let through, in bytes. */
    long allowedBytes() {
        return allowedPayloadSize * sizeUnit.bytes();
    }
}
