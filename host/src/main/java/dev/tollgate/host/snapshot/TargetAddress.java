package dev.tollgate.host.snapshot;

/** A host and port to connect to. {@code host} is bare (IPv6 without brackets). */
public record TargetAddress(String host, int port) {
    /** Kong's default port for a target written without one. */
    public static final int DEFAULT_TARGET_PORT = 8000;

    /** An IPv6 host is kept without brackets (a service's url gives it with them); {@link #authority()} adds them. */
    public TargetAddress {
        if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static TargetAddress parse(String target) {
        String t = target.trim();
        String host;
        String port = null;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                throw bad(target);
            }
            host = t.substring(1, end);
            if (end + 1 < t.length()) {
                if (t.charAt(end + 1) != ':') {
                    throw bad(target);
                }
                port = t.substring(end + 2);
            }
        } else {
            int colon = t.lastIndexOf(':');
            if (colon >= 0 && t.indexOf(':') != colon) {
                throw bad(target); // a bare IPv6 address needs brackets to carry a port
            }
            host = colon < 0 ? t : t.substring(0, colon);
            port = colon < 0 ? null : t.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#' || c == '@')) {
            throw bad(target);
        }
        int p = DEFAULT_TARGET_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw bad(target);
            }
            if (p < 1 || p > 65535) {
                throw bad(target);
            }
        }
        return new TargetAddress(host, p);
    }

    private static IllegalArgumentException bad(String target) {
        return new IllegalArgumentException("target: '" + target + "' (expected: host, host:port or [ipv6]:port with port 1..65535)");
    }

    /** {@code host:port} as it goes into a URI authority. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
