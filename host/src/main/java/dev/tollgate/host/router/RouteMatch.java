package dev.tollgate.host.router;

import dev.tollgate.db.Route;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The route a request matched and what its path matching found.
 *
 * @param route          the matched route
 * @param normalizedPath the request path after normalization; the one the route matched and the upstream gets
 * @param matchedPath    the part of {@code normalizedPath} the route's path matched: the prefix or the regex
 *                       match's text; empty when the route has no paths
 * @param strippedPath   {@code normalizedPath} without {@code matchedPath} when the route strips its path,
 *                       else {@code normalizedPath}; may be empty or lack its leading slash
 *                       ({@code /ai} stripped from {@code /aiv2} leaves {@code v2})
 * @param captures       the regex path's groups that took part in the match, by number ({@code "1"}...)
 *                       and by name; empty for a prefix or no path
 */
public record RouteMatch(Route route, String normalizedPath, String matchedPath, String strippedPath,
                         Map<String, String> captures) {
    public RouteMatch {
        requireNonNull(route, "route");
        requireNonNull(normalizedPath, "normalizedPath");
        requireNonNull(matchedPath, "matchedPath");
        requireNonNull(strippedPath, "strippedPath");
        captures = Map.copyOf(requireNonNull(captures, "captures"));
    }
}
