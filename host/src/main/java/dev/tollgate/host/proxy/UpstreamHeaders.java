package dev.tollgate.host.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.tollgate.db.Route;
import dev.tollgate.host.router.RouteMatch;
import dev.tollgate.host.snapshot.TargetAddress;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webserver.http.ServerRequest;

/**
 * The headers an upstream gets: the client's, less hop-by-hop ones, {@code Host} and any
 * {@code X-Forwarded-*} the client made up (as a map plugins may change), then the gateway's
 * {@code X-Forwarded-*}, {@code X-Real-IP} and {@code Host} when the request is sent.
 */
final class UpstreamHeaders {
    private static final HeaderName FORWARDED_PROTO = HeaderNames.create("X-Forwarded-Proto");
    private static final HeaderName FORWARDED_HOST = HeaderNames.create("X-Forwarded-Host");
    private static final HeaderName FORWARDED_PORT = HeaderNames.create("X-Forwarded-Port");
    private static final HeaderName FORWARDED_PATH = HeaderNames.create("X-Forwarded-Path");
    private static final HeaderName FORWARDED_PREFIX = HeaderNames.create("X-Forwarded-Prefix");
    private static final HeaderName REAL_IP = HeaderNames.create("X-Real-IP");

    private UpstreamHeaders() {
    }

    /** The client's headers that may travel upstream, names lower-cased. */
    static Map<String, List<String>> fromClient(ServerRequest req) {
        Set<String> drop = ProxyHeaders.dropped(req.headers());
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Header h : req.headers()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (drop.contains(name) || name.equals("host") || name.startsWith("x-forwarded-")) {
                continue;
            }
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).addAll(h.allValues());
        }
        return out;
    }

    /**
     * Writes {@code headers} and the gateway's own onto {@code up}. {@code hostHeader}: the
     * upstream's {@code host_header}, or null. {@code bodyReplaced}: the length is no longer the client's.
     */
    static void write(ServerRequest req, HttpClientRequest up, Map<String, List<String>> headers, RouteMatch match,
                      String protocol, TargetAddress target, String hostHeader, boolean bodyReplaced) {
        Route route = match.route();
        String pluginHost = null;
        for (var e : headers.entrySet()) {
            String name = e.getKey();
            if (name.equals("host")) {
                pluginHost = e.getValue().isEmpty() ? null : e.getValue().getFirst();
                continue;
            }
            if (bodyReplaced && (name.equals("content-length") || name.equals("transfer-encoding"))) {
                continue;
            }
            up.header(HeaderNames.create(name), e.getValue());
        }
        String clientIp = req.remotePeer().host();
        String prior = req.headers().contains(HeaderNames.X_FORWARDED_FOR)
                ? req.headers().get(HeaderNames.X_FORWARDED_FOR).values() : null;
        up.header(HeaderNames.X_FORWARDED_FOR, prior == null ? clientIp : prior + ", " + clientIp);
        up.header(FORWARDED_PROTO, req.isSecure() ? "https" : "http");
        String authority = req.authority();
        up.header(FORWARDED_HOST, authority == null ? "" : stripPort(authority));
        up.header(FORWARDED_PORT, Integer.toString(req.localPeer().port()));
        up.header(FORWARDED_PATH, req.path().rawPath());
        if (route.stripPath() && !match.matchedPath().isEmpty()) {
            up.header(FORWARDED_PREFIX, match.matchedPath()); // what the upstream no longer sees of the path
        }
        up.header(REAL_IP, clientIp);
        if (pluginHost != null) {
            up.header(HeaderNames.HOST, pluginHost);
        } else if (route.preserveHost() && authority != null) {
            up.header(HeaderNames.HOST, authority);
        } else if (hostHeader != null) {
            up.header(HeaderNames.HOST, hostHeader);
        } else {
            boolean defaultPort = protocol.equals("http") && target.port() == 80 || protocol.equals("https") && target.port() == 443;
            up.header(HeaderNames.HOST, defaultPort ? stripPort(target.authority()) : target.authority());
        }
    }

    static String stripPort(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end > 0 ? authority.substring(0, end + 1) : authority;
        }
        int colon = authority.lastIndexOf(':');
        return colon > 0 ? authority.substring(0, colon) : authority;
    }
}
