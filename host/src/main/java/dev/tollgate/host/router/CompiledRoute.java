package dev.tollgate.host.router;

import dev.tollgate.db.Route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A route with its attributes parsed for matching: hosts lower-cased and split from ports, regexes compiled.
 *
 * @param route      the route as stored
 * @param protocols  the schemes it accepts; empty accepts any
 * @param methods    the methods it accepts; empty accepts any
 * @param hosts      its host patterns; empty accepts any host
 * @param headers    its header rules, all of which must match
 * @param paths      its path patterns; empty accepts any path
 * @param categories Kong's category bits of the attributes it configures, see {@link #HOSTS} and friends
 */
record CompiledRoute(Route route, List<String> protocols, List<String> methods, List<HostPattern> hosts,
                     List<HeaderRule> headers, List<PathPattern> paths, int categories) {
    // Kong orders categories with equal counts by these bits, so a hosts route beats a paths route.
    static final int HOSTS = 0x40;
    static final int HEADERS = 0x20;
    static final int PATHS = 0x10;
    static final int METHODS = 0x08;

    /** Compiles {@code route}; an attribute Kong's schema would reject fails with the route named. */
    static CompiledRoute compile(Route route) {
        String name = route.name() != null ? route.name() : route.id();
        try {
            return compileChecked(route);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route " + name + ": " + e.getMessage(), e);
        }
    }

    private static CompiledRoute compileChecked(Route route) {
        List<String> methods = nullToEmpty(route.methods());
        List<HostPattern> hosts = new ArrayList<>();
        for (String host : nullToEmpty(route.hosts())) {
            hosts.add(HostPattern.parse(host));
        }
        List<HeaderRule> headers = new ArrayList<>();
        Map<String, List<String>> configured = route.headers() == null ? Map.of() : route.headers();
        configured.forEach((header, values) -> headers.add(HeaderRule.parse(header, values)));
        List<PathPattern> paths = new ArrayList<>();
        for (String path : nullToEmpty(route.paths())) {
            paths.add(PathPattern.parse(path));
        }
        int categories = (hosts.isEmpty() ? 0 : HOSTS) | (headers.isEmpty() ? 0 : HEADERS)
                | (paths.isEmpty() ? 0 : PATHS) | (methods.isEmpty() ? 0 : METHODS);
        if (categories == 0) {
            throw new IllegalArgumentException("no methods, hosts, headers or paths (expected: at least one)");
        }
        if (route.pathHandling() != null && !route.pathHandling().equals("v0") && !route.pathHandling().equals("v1")) {
            throw new IllegalArgumentException("path_handling: '" + route.pathHandling() + "' (expected: v0 or v1)");
        }
        return new CompiledRoute(route, route.protocols(), methods, List.copyOf(hosts), List.copyOf(headers),
                List.copyOf(paths), categories);
    }

    private static List<String> nullToEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    int categoryCount() {
        return Integer.bitCount(categories);
    }

    boolean hasWildcardHost() {
        for (HostPattern host : hosts) {
            if (host.wildcard()) {
                return true;
            }
        }
        return false;
    }

    /** Protocol, method and host: the checks that cost no allocation, run before the path and headers. */
    boolean matchesCheapAttributes(String method, String scheme, String host, int hostNameEnd, int hostPort) {
        return anyEqualIgnoringCase(protocols, scheme) && anyEqualIgnoringCase(methods, method)
                && matchesHost(host, hostNameEnd, hostPort);
    }

    private boolean matchesHost(String host, int nameEnd, int port) {
        if (hosts.isEmpty()) {
            return true;
        }
        if (host == null) {
            return false;
        }
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).matches(host, nameEnd, port)) {
                return true;
            }
        }
        return false;
    }

    boolean matchesHeaders(Function<String, List<String>> headerValues) {
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.get(i).matches(headerValues)) {
                return false;
            }
        }
        return true;
    }

    /** True for an empty (unconfigured) list, else whether {@code value} is in it, ignoring case. */
    private static boolean anyEqualIgnoringCase(List<String> accepted, String value) {
        if (accepted.isEmpty()) {
            return true;
        }
        for (int i = 0; i < accepted.size(); i++) {
            if (accepted.get(i).equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }
}
