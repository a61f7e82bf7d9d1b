package dev.tollgate.host.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.tollgate.upstream.HeaderField;
import io.helidon.http.Header;
import io.helidon.http.Headers;

/** Which headers cross the proxy: hop-by-hop headers stop here (RFC 9110 §7.6.1). */
final class ProxyHeaders {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade",
            // the gateway answers a client's 100-continue itself; upstream, it is the gateway's to ask
            "expect");

    private ProxyHeaders() {
    }

    /** True when {@code name}, in any case, is one of the lower-cased {@code names} (no copy of the name). */
    static boolean named(Set<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-cased names of the headers not to forward from an upstream's {@code headers}. */
    static Set<String> dropped(List<HeaderField> headers) {
        Set<String> drop = null;
        for (HeaderField h : headers) {
            if (h.is("connection")) {
                for (String token : h.value().split(",")) {
                    if (drop == null) {
                        drop = new HashSet<>(HOP_BY_HOP);
                    }
                    drop.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return drop == null ? HOP_BY_HOP : drop;
    }

    /** Lower-cased names of the headers not to forward from the client's {@code headers}. */
    static Set<String> dropped(Headers headers) {
        Set<String> drop = null;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase("connection")) {
                for (String v : h.allValues()) {
                    for (String token : v.split(",")) {
                        if (drop == null) {
                            drop = new HashSet<>(HOP_BY_HOP);
                        }
                        drop.add(token.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return drop == null ? HOP_BY_HOP : drop;
    }
}
