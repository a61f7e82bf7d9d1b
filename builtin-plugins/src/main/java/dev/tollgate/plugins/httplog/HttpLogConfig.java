package dev.tollgate.plugins.httplog;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.commons.queue.QueueConfig;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code http-log} configuration, with Kong's field names and defaults.
 *
 * @param endpoint     where entries are sent, as configured (maybe with {@code user:password@})
 * @param timeout      for connecting and for the whole exchange
 * @param keepalive    Kong's idle-connection lifetime; see {@link HttpLogSender} for what the JDK allows
 * @param headers      sent with every request
 * @param customFields top-level fields added to every entry
 */
record HttpLogConfig(URI endpoint, String method, String contentType, Duration timeout, Duration keepalive,
                     Map<String, String> headers, Map<String, String> customFields, QueueConfig queue) {

    static final String DEFAULT_METHOD = "POST";
    static final String DEFAULT_CONTENT_TYPE = "application/json";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    // The JDK's HTTP client sets these itself and refuses them from callers.
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("http_endpoint").required().secret()
                    .check(v -> problem((String) v).isEmpty(), "an http or https URL with a host")
                    .description("The URL entries are sent to (http or https). A user:password@ part is sent as "
                            + "Basic authorization."))
            .field(Field.string("method").oneOf("POST", "PUT", "PATCH").defaultValue(DEFAULT_METHOD)
                    .description("The HTTP method the entries are sent with."))
            .field(Field.string("content_type").oneOf("application/json", "application/json; charset=utf-8")
                    .defaultValue(DEFAULT_CONTENT_TYPE)
                    .description("The Content-Type of the requests; the body is UTF-8 JSON either way."))
            .field(Field.number("timeout").min(1).max(Integer.MAX_VALUE).defaultValue(10_000.0)
                    .description("Milliseconds to wait for connecting and for the endpoint's answer; a timeout "
                            + "counts as a failure and is retried."))
            .field(Field.number("keepalive").min(0).max(Integer.MAX_VALUE).defaultValue(60_000.0)
                    .description("Milliseconds an idle connection to the endpoint may be kept (Kong's field; the "
                            + "JDK client applies one JVM-wide idle timeout, jdk.httpclient.keepalive.timeout)."))
            .field(Field.stringMap("headers").secret()
                    .check(v -> headersProblem(asMap(v)).isEmpty(),
                            "header names (letters, digits, !#$%&'*+-.^_`|~) other than Connection, Content-Length, "
                                    + "Expect, Host and Upgrade, values without line breaks")
                    .description("Headers sent with every request, one value each (say, the collector's token)."))
            .field(Field.stringMap("custom_fields")
                    .description("Fields added at the top level of every entry, replacing entry fields of the "
                            + "same name (Kong's custom_fields_by_lua, with plain string values)."))
            .field(Field.record("queue", QueueConfig.schema(1))
                    .description("How entries are queued, batched and retried."))
            .build();

    HttpLogConfig {
        requireNonNull(endpoint, "endpoint");
        problem(endpoint.toString()).ifPresent(p -> {
            throw new IllegalArgumentException("config.http_endpoint: " + p);
        });
        method = method == null ? DEFAULT_METHOD : method.toUpperCase(Locale.ROOT);
        if (!Set.of("POST", "PUT", "PATCH").contains(method)) {
            throw new IllegalArgumentException("config.method: " + method + " (expected: POST, PUT or PATCH)");
        }
        contentType = contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
        requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("config.timeout: " + timeout.toMillis() + " (expected: > 0)");
        }
        keepalive = keepalive == null ? Duration.ofSeconds(60) : keepalive;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        headersProblem(headers).ifPresent(p -> {
            throw new IllegalArgumentException("config.headers: " + p);
        });
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
        requireNonNull(queue, "queue");
    }

    static HttpLogConfig from(PluginConfig config) {
        return new HttpLogConfig(URI.create(config.string("http_endpoint").orElseThrow()),
                config.string("method").orElse(DEFAULT_METHOD),
                config.string("content_type").orElse(DEFAULT_CONTENT_TYPE),
                millis(config.number("timeout").orElse(10_000.0)),
                millis(config.number("keepalive").orElse(60_000.0)),
                config.stringMap("headers"), config.stringMap("custom_fields"),
                QueueConfig.from(config.record("queue")));
    }

    /** The endpoint without its user information, which goes in {@link #authorization()} instead. */
    URI target() {
        return URI.create(printableEndpoint() + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery()));
    }

    /** {@code Basic ...} for an endpoint with {@code user:password@}, percent-decoded (a password with {@code @} is written {@code %40}). */
    Optional<String> authorization() {
        return Optional.ofNullable(endpoint.getUserInfo()).map(u ->
                "Basic " + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8)));
    }

    /** The endpoint as it may be shown: no user information, no query. */
    String printableEndpoint() {
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        return endpoint.getScheme().toLowerCase(Locale.ROOT) + "://" + endpoint.getHost()
                + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort()) + path;
    }

    private static Duration millis(double ms) {
        return Duration.ofNanos(Math.round(ms * 1e6));
    }

    private static Optional<String> problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("'" + url + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("scheme '" + uri.getScheme() + "' (expected: http or https)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("no host (expected: http[s]://host[:port]/path)");
        }
        if (uri.getFragment() != null) {
            return Optional.of("a fragment (expected: none)");
        }
        return Optional.empty();
    }

    private static Optional<String> headersProblem(Map<String, String> headers) {
        for (var e : headers.entrySet()) {
            String name = e.getKey();
            if (!TOKEN.matcher(name).matches()) {
                return Optional.of("'" + name + "' is not a header name");
            }
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                return Optional.of("'" + name + "' is set by the gateway");
            }
            if (e.getValue().indexOf('\r') >= 0 || e.getValue().indexOf('\n') >= 0) {
                return Optional.of("the value of '" + name + "' has a line break");
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> asMap(Object v) {
        return (Map<String, String>) v;
    }
}
