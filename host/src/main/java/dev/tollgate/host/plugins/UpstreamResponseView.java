package dev.tollgate.host.plugins;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.UpstreamResponse;

/** The upstream's status and headers, or nothing when a plugin answered instead. */
public record UpstreamResponseView(int status, Map<String, List<String>> headers, long latencyMillis, byte[] bodyBytes)
        implements UpstreamResponse {
    public static final UpstreamResponseView NONE = new UpstreamResponseView(0, Map.of(), -1, null);

    public UpstreamResponseView(int status, Map<String, List<String>> headers, long latencyMillis) {
        this(status, headers, latencyMillis, null);
    }

    /** The same response with its whole body read. */
    public UpstreamResponseView withBody(byte[] body) {
        return new UpstreamResponseView(status, headers, latencyMillis, body);
    }

    @Override
    public Optional<byte[]> body() {
        return Optional.ofNullable(bodyBytes);
    }

    @Override
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }
}
