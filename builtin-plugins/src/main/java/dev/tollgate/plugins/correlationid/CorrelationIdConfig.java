package dev.tollgate.plugins.correlationid;

import static java.util.Objects.requireNonNull;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code correlation-id} configuration, with Kong's field names.
 *
 * @param headerName     the header that carries the id
 * @param echoDownstream send the id back to the client as well
 */
record CorrelationIdConfig(String headerName, Generator generator, boolean echoDownstream) {

    /** Kong's default is {@code Kong-Request-ID}; Tollgate names itself. */
    static final String DEFAULT_HEADER = "Tollgate-Request-ID";

    private static final String HEADER_TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("header_name").defaultValue(DEFAULT_HEADER)
                    .check(v -> ((String) v).matches(HEADER_TOKEN), "a header name")
                    .description("The header that carries the correlation id to the upstream (and back, with "
                            + "echo_downstream). Kong's default is Kong-Request-ID."))
            .field(Field.string("generator").oneOf("uuid", "uuid#counter", "tracker").defaultValue("uuid#counter")
                    .description("How ids are made: uuid (a random UUID per request), uuid#counter (one UUID per "
                            + "plugin instance, '#' and a counter; cheaper) or tracker (gateway process id, "
                            + "counter and time)."))
            .field(Field.bool("echo_downstream").defaultValue(Boolean.FALSE)
                    .description("Send the correlation id back to the client in the same header."))
            .build();

    CorrelationIdConfig {
        requireNonNull(headerName, "headerName");
        requireNonNull(generator, "generator");
    }

    /** Maps a configuration the schema has accepted. */
    static CorrelationIdConfig from(PluginConfig config) {
        return new CorrelationIdConfig(config.string("header_name").orElse(DEFAULT_HEADER),
                Generator.of(config.string("generator").orElse("uuid#counter")), config.bool("echo_downstream"));
    }
}
