package dev.tollgate.host.router;

import java.util.Locale;

/**
 * One entry of a route's {@code hosts}: {@code example.com}, {@code *.example.com} or {@code example.*},
 * each optionally with {@code :port}.
 *
 * <p>The request's Host header is never split into new strings: {@link #nameEnd} and {@link #port} give
 * offsets and numbers, and comparisons run on regions of the original value.
 *
 * @param text     the lower-cased name without port; for wildcards without the {@code *}
 *                 ({@code .example.com} or {@code example.})
 * @param kind     how {@code text} is compared
 * @param port     the port the request must use, or -1 when any port will do
 * @param wildcard whether the configured host had a {@code *}
 */
record HostPattern(String text, Kind kind, int port, boolean wildcard) {
    enum Kind { EXACT, SUFFIX, PREFIX }

    /** Parses a configured host; the caller names the route in the error. */
    static HostPattern parse(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        int end = nameEnd(lower);
        int port = end < lower.length() ? explicitPort(lower, end) : -1;
        if (end < lower.length() && port < 0) {
            throw new IllegalArgumentException("host: '" + host + "' (expected: name or name:port with port 1..65535)");
        }
        String name = lower.substring(0, end);
        int star = name.indexOf('*');
        if (star < 0) {
            return new HostPattern(name, Kind.EXACT, port, false);
        }
        if (name.lastIndexOf('*') == star) {
            if (star == 0 && name.length() > 2 && name.charAt(1) == '.') {
                return new HostPattern(name.substring(1), Kind.SUFFIX, port, true);
            }
            if (star == name.length() - 1 && name.length() > 2 && name.charAt(star - 1) == '.') {
                return new HostPattern(name.substring(0, star), Kind.PREFIX, port, true);
            }
        }
        throw new IllegalArgumentException("host: '" + host
                + "' (expected: one '*' as the leftmost or rightmost label, like *.example.com or example.*)");
    }

    /**
     * Whether a request host matches.
     *
     * @param host    the raw Host header value
     * @param nameEnd {@link #nameEnd(String)} of {@code host}
     * @param reqPort {@link #port(String, int, String)} of {@code host}
     */
    boolean matches(String host, int nameEnd, int reqPort) {
        if (port >= 0 && port != reqPort) {
            return false;
        }
        int len = text.length();
        return switch (kind) {
            // A wildcard stands for at least one character, as in Kong's ".+".
            case EXACT -> nameEnd == len && host.regionMatches(true, 0, text, 0, len);
            case SUFFIX -> nameEnd > len && host.regionMatches(true, nameEnd - len, text, 0, len);
            case PREFIX -> nameEnd > len && host.regionMatches(true, 0, text, 0, len);
        };
    }

    /**
     * Where the name part of a Host value ends: before {@code :port}, after {@code ]} of an IPv6 literal,
     * or at the end. A bare IPv6 address (several colons, no brackets) is all name.
     */
    static int nameEnd(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host.length() : close + 1;
        }
        int colon = host.indexOf(':');
        return colon < 0 || host.indexOf(':', colon + 1) >= 0 ? host.length() : colon;
    }

    /**
     * The port of a request's Host value, or the scheme's default when it names none (RFC 9110: an absent
     * port means the default one); -1 when neither is known or the port is not a number.
     */
    static int port(String host, int nameEnd, String scheme) {
        if (nameEnd + 1 < host.length()) {
            return explicitPort(host, nameEnd);
        }
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http", "grpc", "ws" -> 80;
            case "https", "grpcs", "wss" -> 443;
            default -> -1;
        };
    }

    /** The digits after {@code :} at {@code nameEnd}, or -1 when they are not a port number. */
    private static int explicitPort(String host, int nameEnd) {
        int n = host.length();
        if (host.charAt(nameEnd) != ':' || n - nameEnd - 1 < 1 || n - nameEnd - 1 > 5) {
            return -1;
        }
        int port = 0;
        for (int i = nameEnd + 1; i < n; i++) {
            char c = host.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port >= 1 && port <= 65535 ? port : -1;
    }
}
