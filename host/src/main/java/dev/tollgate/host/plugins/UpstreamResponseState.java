package dev.tollgate.host.plugins;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.UpstreamResponse;

/** The upstream's status and headers, or nothing when a plugin answered instead. */
public record UpstreamResponseState(int status, Map<String, List<String>> headers, long latencyMillis, byte[] bodyBytes)
        implements UpstreamResponse {
    public static final UpstreamResponseState NONE = new UpstreamResponseState(0, Map.of(), -1, null);

    public UpstreamResponseState(int status, Map<String, List<String>> headers, long latencyMillis) {
        this(status, headers, latencyMillis, null);
    }

    /** The same response with its whole body read. */
    public UpstreamResponseState withBody(byte[] body) {
        return new UpstreamResponseState(status, headers, latencyMillis, body);
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
