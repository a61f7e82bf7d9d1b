package dev.tollgate.host.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.tollgate.sdk.ClientRequest;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** The client's request, read-only, over Helidon's; maps are built only when a plugin asks. */
final class ClientRequestView implements ClientRequest {
    private final ServerRequest req;
    private final Supplier<byte[]> body;
    private Map<String, List<String>> headers;
    private Map<String, List<String>> query;
    /** Set by {@link #freeze()}: after it, nothing reads the live request, which may be gone. */
    private Frozen frozen;

    private record Frozen(String method, String scheme, String host, String path, String rawQuery, String clientIp,
                          byte[] body) {}

    ClientRequestView(ServerRequest req, Supplier<byte[]> body) {
        this.req = req;
        this.body = body;
    }

    /**
     * Copies what plugins may still read once the request is over (the log phase runs after the
     * connection may have closed). {@code bodyRead}: the body, if it was read; else empty.
     */
    boolean isFrozen() {
        return frozen != null;
    }

    void freeze(byte[] bodyRead) {
        if (frozen != null) {
            return;
        }
        headers();
        queryParameters();
        String ip;
        try {
            ip = req.remotePeer().host();
        } catch (RuntimeException e) {
            ip = "";
        }
        frozen = new Frozen(method(), scheme(), req.authority(), path(), rawQuery(), ip,
                bodyRead == null ? new byte[0] : bodyRead);
    }

    @Override
    public String method() {
        return frozen != null ? frozen.method() : req.prologue().method().text();
    }

    @Override
    public String scheme() {
        return frozen != null ? frozen.scheme() : req.isSecure() ? "https" : "http";
    }

    @Override
    public Optional<String> host() {
        return Optional.ofNullable(frozen != null ? frozen.host() : req.authority());
    }

    @Override
    public String path() {
        return frozen != null ? frozen.path() : req.path().rawPath();
    }

    @Override
    public String rawQuery() {
        if (frozen != null) {
            return frozen.rawQuery();
        }
        String q = req.query().rawValue();
        return q == null ? "" : q;
    }

    @Override
    public Optional<String> query(String name) {
        List<String> v = queryParameters().get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        if (query == null) {
            Map<String, List<String>> q = new LinkedHashMap<>();
            for (String name : req.query().names()) {
                q.put(name, List.copyOf(req.query().all(name)));
            }
            query = java.util.Collections.unmodifiableMap(q);
        }
        return query;
    }

    @Override
    public Optional<String> header(String name) {
        HeaderName h = HeaderNames.create(name);
        return req.headers().contains(h) ? Optional.of(req.headers().get(h).get()) : Optional.empty();
    }

    @Override
    public List<String> headers(String name) {
        HeaderName h = HeaderNames.create(name);
        return req.headers().contains(h) ? req.headers().get(h).allValues() : List.of();
    }

    @Override
    public Map<String, List<String>> headers() {
        if (headers == null) {
            Map<String, List<String>> m = new LinkedHashMap<>();
            for (Header h : req.headers()) {
                m.computeIfAbsent(h.headerName().lowerCase(), k -> new ArrayList<>()).addAll(h.allValues());
            }
            headers = java.util.Collections.unmodifiableMap(m);
        }
        return headers;
    }

    @Override
    public String clientIp() {
        return frozen != null ? frozen.clientIp() : req.remotePeer().host();
    }

    @Override
    public byte[] body() {
        return frozen != null ? frozen.body() : body.get();
    }
}
