package dev.tollgate.plugins.cors;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code cors} configuration, with Kong's field names and defaults.
 *
 * @param origins           allowed origins: {@code *}, exact origins or regular expressions; empty for all
 * @param methods           the methods a preflight allows
 * @param headers           the request headers a preflight allows; empty to allow those the browser asks for
 * @param exposedHeaders    response headers the browser may show the page
 * @param maxAge            seconds a browser may cache a preflight's answer
 * @param privateNetwork    answer Private Network Access preflights
 * @param allowOriginAbsent add the headers to responses to requests without an Origin
 */
record CorsConfig(List<String> origins, List<String> methods, List<String> headers, List<String> exposedHeaders,
                  boolean credentials, Optional<Long> maxAge, boolean privateNetwork, boolean preflightContinue,
                  boolean allowOriginAbsent) {

    static final List<String> ALL_METHODS = List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");

    private static final String HEADER_TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.strings("origins")
                    .check(v -> ((List<?>) v).stream().allMatch(o -> OriginPolicy.isValid((String) o)),
                            "'*', origins like https://app.example.com, or regular expressions like "
                                    + "https://.*\\.example\\.com")
                    .description("Origins allowed to call: '*' for any, an exact origin (https://app.example.com), or "
                            + "a regular expression matched against the whole origin (against the host alone when it "
                            + "has no ':'). Unset allows any origin."))
            .field(Field.strings("methods").oneOf(ALL_METHODS.toArray(String[]::new)).defaultValue(ALL_METHODS)
                    .description("Methods sent in Access-Control-Allow-Methods in answer to a preflight."))
            .field(Field.strings("headers").check(v -> tokens((List<?>) v), "header names")
                    .description("Request headers sent in Access-Control-Allow-Headers in answer to a preflight; "
                            + "unset to allow the headers the preflight asks for (Access-Control-Request-Headers)."))
            .field(Field.strings("exposed_headers").check(v -> tokens((List<?>) v), "header names")
                    .description("Response headers the browser may expose to the page (Access-Control-Expose-Headers)."))
            .field(Field.bool("credentials").defaultValue(Boolean.FALSE)
                    .description("Send Access-Control-Allow-Credentials: true; with origins allowing any origin, the "
                            + "request's origin is sent instead of '*', since browsers refuse '*' with credentials."))
            .field(Field.integer("max_age").min(0).max(Integer.MAX_VALUE)
                    .description("Seconds a browser may cache the answer to a preflight (Access-Control-Max-Age); "
                            + "unset to leave it to the browser."))
            .field(Field.bool("private_network").defaultValue(Boolean.FALSE)
                    .description("Answer preflights that ask for Private Network Access with "
                            + "Access-Control-Allow-Private-Network: true."))
            .field(Field.bool("preflight_continue").defaultValue(Boolean.FALSE)
                    .description("Pass preflight requests on to the upstream instead of answering them."))
            .field(Field.bool("allow_origin_absent").defaultValue(Boolean.TRUE)
                    .description("Add the CORS headers to responses to requests without an Origin header too."))
            .build();

    CorsConfig {
        origins = List.copyOf(requireNonNull(origins, "origins"));
        methods = List.copyOf(requireNonNull(methods, "methods"));
        headers = List.copyOf(requireNonNull(headers, "headers"));
        exposedHeaders = List.copyOf(requireNonNull(exposedHeaders, "exposedHeaders"));
        requireNonNull(maxAge, "maxAge");
    }

    /** Maps a configuration the schema has accepted. */
    static CorsConfig from(PluginConfig config) {
        return new CorsConfig(config.strings("origins"), config.strings("methods"), config.strings("headers"),
                config.strings("exposed_headers"), config.bool("credentials"), config.integer("max_age"),
                config.bool("private_network"), config.bool("preflight_continue"), config.bool("allow_origin_absent"));
    }

    private static boolean tokens(List<?> names) {
        return names.stream().allMatch(n -> ((String) n).matches(HEADER_TOKEN));
    }
}
