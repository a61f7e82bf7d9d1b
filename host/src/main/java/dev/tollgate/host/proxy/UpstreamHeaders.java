package dev.tollgate.host.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.db.Route;
import dev.tollgate.host.router.RouteMatch;
import dev.tollgate.host.snapshot.TargetAddress;
import dev.tollgate.upstream.HeaderField;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The headers an upstream gets: the client's, less hop-by-hop ones, {@code Host} and any
 * {@code X-Forwarded-*} the client made up (as a map plugins may change), then the gateway's
 * {@code X-Forwarded-*}, {@code X-Real-IP} and {@code Host} when the request is sent.
 */
final class UpstreamHeaders {
    private UpstreamHeaders() {
    }

    /** The client's headers that may travel upstream, names lower-cased. */
    static Map<String, List<String>> fromClient(ServerRequest req) {
        Set<String> drop = ProxyHeaders.dropped(req.headers());
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Header h : req.headers()) {
            String name = h.headerName().lowerCase(); // known names carry theirs: no copy per header
            if (drop.contains(name) || name.equals("host") || name.startsWith("x-forwarded-")) {
                continue;
            }
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).addAll(h.allValues());
        }
        return out;
    }

    /**
     * The upstream request's headers: {@code headers} (as plugins left them) and the gateway's
     * own. {@code hostHeader}: the upstream's {@code host_header}, or null. The client writes
     * the framing ({@code Content-Length} or chunked) from the body it sends.
     */
    static List<HeaderField> write(ServerRequest req, Map<String, List<String>> headers, RouteMatch match,
                                   String protocol, TargetAddress target, String hostHeader) {
        Route route = match.route();
        List<HeaderField> up = new ArrayList<>(headers.size() + 8);
        String pluginHost = null;
        for (var e : headers.entrySet()) {
            String name = e.getKey();
            if (name.equals("host")) {
                pluginHost = e.getValue().isEmpty() ? null : e.getValue().getFirst();
                continue;
            }
            if (name.equals("content-length") || name.equals("transfer-encoding")) {
                continue; // the body's own framing is written with it
            }
            for (String v : e.getValue()) {
                up.add(new HeaderField(name, v));
            }
        }
        String clientIp = req.remotePeer().host();
        String prior = req.headers().contains(HeaderNames.X_FORWARDED_FOR)
                ? req.headers().get(HeaderNames.X_FORWARDED_FOR).values() : null;
        up.add(new HeaderField("X-Forwarded-For", prior == null ? clientIp : prior + ", " + clientIp));
        up.add(new HeaderField("X-Forwarded-Proto", req.isSecure() ? "https" : "http"));
        String authority = req.authority();
        up.add(new HeaderField("X-Forwarded-Host", authority == null ? "" : stripPort(authority)));
        up.add(new HeaderField("X-Forwarded-Port", Integer.toString(req.localPeer().port())));
        up.add(new HeaderField("X-Forwarded-Path", req.path().rawPath()));
        if (route.stripPath() && !match.matchedPath().isEmpty()) {
            up.add(new HeaderField("X-Forwarded-Prefix", match.matchedPath())); // what the upstream no longer sees of the path
        }
        up.add(new HeaderField("X-Real-IP", clientIp));
        String host;
        if (pluginHost != null) {
            host = pluginHost;
        } else if (route.preserveHost() && authority != null) {
            host = authority;
        } else if (hostHeader != null) {
            host = hostHeader;
        } else {
            boolean defaultPort = protocol.equals("http") && target.port() == 80 || protocol.equals("https") && target.port() == 443;
            host = defaultPort ? stripPort(target.authority()) : target.authority();
        }
        up.add(new HeaderField("Host", host));
        return up;
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
