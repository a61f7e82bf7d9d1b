package dev.tollgate.mockllm;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the mock received: one HTTP request as it arrived on the wire.
 *
 * @param method     the HTTP method, e.g. {@code POST}
 * @param path       the decoded path, without the query
 * @param query      the raw query string without {@code ?}, or empty
 * @param headers    header values by lower-cased name
 * @param body       the body decoded as UTF-8 (capped at {@link #MAX_BODY_BYTES}), or empty
 * @param receivedAt when the request line arrived
 */
public record RecordedRequest(
        String method,
        String path,
        String query,
        Map<String, List<String>> headers,
        String body,
        Instant receivedAt) {

    /** Bodies are cut here so that a large-upload test cannot exhaust the mock's heap. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    public RecordedRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(query, "query");
        headers = Map.copyOf(requireNonNull(headers, "headers"));
        requireNonNull(body, "body");
        requireNonNull(receivedAt, "receivedAt");
    }

    /** The first value of header {@code name}, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
