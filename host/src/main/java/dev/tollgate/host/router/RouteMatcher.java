package dev.tollgate.host.router;

import dev.tollgate.db.Route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;

import static java.util.Objects.requireNonNull;

/**
 * Finds the route for a request with Kong's "traditional" router rules; immutable, built once per
 * configuration snapshot and shared by all request threads.
 *
 * <p>A route matches when every attribute it configures matches: protocols, methods (ignoring case),
 * hosts (exact or wildcard, ignoring case; a port only when the route names one), headers (all configured
 * names, any configured value, {@code ~*} for a case-insensitive regex) and paths (string prefix, or a
 * {@code ~} regex anchored at the start), all on the {@linkplain PathNormalizer normalized} path. The most
 * specific route wins; see {@link Candidate#PRIORITY} for the order.
 *
 * <p>Cost: {@link #build} compiles every regex, lower-cases every host and sorts once. {@link #match} is
 * a linear scan over the sorted (route, path) candidates, O(candidates) with a small constant per
 * candidate, stopping at the first match. It allocates the result, a normalized path only when the raw one
 * changes, and a {@link Matcher} per regex tried (regexes are tried last, after the cheaper checks passed).
 */
public final class RouteMatcher {
    private final List<Candidate> candidates;

    private RouteMatcher(List<Candidate> candidates) {
        this.candidates = candidates;
    }

    /**
     * Compiles and orders {@code routes}. A route the Admin API should have refused (no matching
     * attribute, a bad wildcard host, a regex that does not compile) is left out and logged, so one
     * bad row cannot take every other route down with it.
     */
    public static RouteMatcher build(List<Route> routes) {
        requireNonNull(routes, "routes");
        List<Candidate> candidates = new ArrayList<>();
        for (Route route : routes) {
            CompiledRoute compiled;
            try {
                compiled = CompiledRoute.compile(requireNonNull(route, "route"));
            } catch (IllegalArgumentException e) {
                System.getLogger(RouteMatcher.class.getName()).log(System.Logger.Level.ERROR,
                        "route " + route.id() + " left out of the router: " + e.getMessage());
                continue;
            }
            if (compiled.paths().isEmpty()) {
                candidates.add(new Candidate(compiled, null, 0));
            }
            for (int i = 0; i < compiled.paths().size(); i++) {
                candidates.add(new Candidate(compiled, compiled.paths().get(i), i));
            }
        }
        candidates.sort(Candidate.PRIORITY);
        return new RouteMatcher(List.copyOf(candidates));
    }

    /**
     * Throws {@link IllegalArgumentException} naming the field when the router could not use
     * {@code route}; the Admin API calls it so such a route is refused when written.
     */
    public static void check(Route route) {
        CompiledRoute.compile(requireNonNull(route, "route"));
    }

    /**
     * The most specific route matching a request.
     *
     * @param method       the request method
     * @param scheme       {@code http} or {@code https}, matched against the route's protocols
     * @param host         the raw Host header value, maybe with a port; null when the request has none
     * @param path         the raw path without query, percent-encoded as received
     * @param headerValues the values of a header by name, ignoring case; an empty list when absent
     */
    public Optional<RouteMatch> match(String method, String scheme, String host, String path,
                                      Function<String, List<String>> headerValues) {
        requireNonNull(method, "method");
        requireNonNull(scheme, "scheme");
        requireNonNull(path, "path");
        requireNonNull(headerValues, "headerValues");
        String normalized = PathNormalizer.normalize(path);
        int hostNameEnd = host == null ? 0 : HostPattern.nameEnd(host);
        int hostPort = host == null ? -1 : HostPattern.port(host, hostNameEnd, scheme);
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            CompiledRoute route = candidate.route();
            if (!route.matchesCheapAttributes(method, scheme, host, hostNameEnd, hostPort)) {
                continue;
            }
            PathPattern pathPattern = candidate.path();
            if (pathPattern instanceof PathPattern.Prefix prefix && !normalized.startsWith(prefix.prefix())) {
                continue;
            }
            if (!route.matchesHeaders(headerValues)) {
                continue;
            }
            RouteMatch found = switch (pathPattern) {
                case null -> result(route, normalized, "", Map.of());
                case PathPattern.Prefix prefix -> result(route, normalized, prefix.prefix(), Map.of());
                case PathPattern.Regex regex -> matchRegex(route, regex, normalized);
            };
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static RouteMatch matchRegex(CompiledRoute route, PathPattern.Regex regex, String path) {
        Matcher m = regex.pattern().matcher(path);
        if (!m.lookingAt()) {
            return null;
        }
        Map<String, String> captures = Map.of();
        if (m.groupCount() > 0) {
            captures = new HashMap<>();
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    captures.put(Integer.toString(g), m.group(g));
                }
            }
            for (Map.Entry<String, Integer> named : regex.named()) {
                String value = m.group(named.getValue());
                if (value != null) {
                    captures.put(named.getKey(), value);
                }
            }
        }
        return result(route, path, m.group(), captures);
    }

    private static RouteMatch result(CompiledRoute route, String path, String matched, Map<String, String> captures) {
        String stripped = route.route().stripPath() ? path.substring(matched.length()) : path;
        return new RouteMatch(route.route(), path, matched, stripped, captures);
    }

    /** The candidates in the order they are tried, one per line, so an operator can see why a route wins. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("RouteMatcher[");
        for (Candidate candidate : candidates) {
            out.append("\n  ").append(candidate);
        }
        return out.append(candidates.isEmpty() ? "]" : "\n]").toString();
    }
}
