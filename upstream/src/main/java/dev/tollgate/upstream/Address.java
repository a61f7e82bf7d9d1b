package dev.tollgate.upstream;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Where an upstream listens: {@code http} or {@code https}, a host name or address (an IPv6
 * address without brackets) and a port. Connections are pooled per address.
 */
public record Address(String scheme, String host, int port) {
    public Address {
        scheme = requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme: " + scheme + " (expected: http or https)");
        }
        requireNonNull(host, "host");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    public boolean secure() {
        return scheme.equals("https");
    }

    /** {@code host[:port]} as a Host header writes it: the port left out when it is the scheme's default. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = port == (secure() ? 443 : 80);
        return defaultPort ? h : h + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
