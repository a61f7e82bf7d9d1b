package dev.tollgate.sdk.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.sdk.ClientRequest;

/** The client's request of a {@link FakePluginContext}, as its builder set it; read-only. */
record FakeClientRequest(String method, String scheme, String path, String rawQuery,
                         Map<String, List<String>> headers, String clientIp, byte[] body) implements ClientRequest {

    @Override
    public Optional<String> host() {
        return header("host");
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters().get(name)).map(l -> l.get(0));
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return parseQuery(rawQuery);
    }

    @Override
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** A raw query string's parameters, decoded, in order; a name without "=" has the value "". */
    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
