package dev.tollgate.sdk.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.UpstreamResponse;

/** The upstream's answer of a {@link FakePluginContext}, as its builder set it (status 0: none yet). */
record FakeUpstreamResponse(int status, Map<String, List<String>> headers, byte[] bodyBytes) implements UpstreamResponse {

    @Override
    public Optional<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
    }

    @Override
    public long latencyMillis() {
        return status == 0 ? -1 : 5;
    }

    @Override
    public Optional<byte[]> body() {
        return Optional.ofNullable(bodyBytes);
    }
}
