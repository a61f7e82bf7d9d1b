package dev.tollgate.host.router;

import dev.tollgate.db.Route;

import static java.util.Objects.requireNonNull;

/**
 * The path sent upstream: the service's path joined with what is left of the request path, by the route's
 * {@code path_handling}, as in Kong.
 *
 * <p>{@code v0} (the default) joins the pieces as segments, with exactly one slash between them:
 * service {@code /s}, route {@code /r}, request {@code /rx} gives {@code /s/x} when stripping and
 * {@code /s/rx} when not. {@code v1} (Kong 1.x) puts the service path in front as a plain prefix and drops
 * the request path's leading slash: {@code /sx} and {@code /srx}. Both avoid a double slash where the
 * pieces meet.
 */
public final class UpstreamPath {
    private UpstreamPath() {
    }

    /**
     * Joins {@code servicePath} and the request path of {@code match}.
     *
     * @param servicePath the service's path; null or empty means {@code /}
     * @param match       the route match, whose normalized path and stripped path are used
     */
    public static String join(String servicePath, RouteMatch match) {
        requireNonNull(match, "match");
        Route route = match.route();
        String base = servicePath == null || servicePath.isEmpty() ? "/" : servicePath;
        String request = match.normalizedPath();
        String postfix = postfix(match);
        String handling = route.pathHandling() == null ? "v0" : route.pathHandling();
        return switch (handling) {
            case "v0" -> v0(base, request, postfix, route.stripPath());
            case "v1" -> v1(base, request, postfix, route.stripPath());
            default -> throw new IllegalArgumentException(
                    "path_handling: '" + handling + "' (expected: v0 or v1)");
        };
    }

    /**
     * What follows the matched part. Like Kong, a leading {@code ./} or {@code ../} left by a prefix that
     * ends inside a segment ({@code /ai} on {@code /ai../x}) is dropped, so it cannot climb above the service
     * path upstream; a route without paths strips nothing, and its postfix is the whole path minus its slash.
     */
    private static String postfix(RouteMatch match) {
        if (match.route().paths() == null || match.route().paths().isEmpty()) {
            return match.normalizedPath().substring(1);
        }
        String rest = match.strippedPath();
        if (rest.equals(".") || rest.equals("..")) {
            return "";
        }
        if (rest.startsWith("./")) {
            return rest.substring(2);
        }
        return rest.startsWith("../") ? rest.substring(3) : rest;
    }

    private static String v0(String base, String request, String postfix, boolean strip) {
        boolean baseSlash = base.endsWith("/");
        if (!strip) {
            if (baseSlash) {
                return base + request.substring(1);
            }
            return request.equals("/") ? base : base + request;
        }
        if (postfix.isEmpty()) {
            // The service path's trailing slash follows the client's: "/s" for "/r", "/s/" for "/r/".
            if (base.equals("/")) {
                return "/";
            }
            if (baseSlash) {
                return request.endsWith("/") ? base : base.substring(0, base.length() - 1);
            }
            return request.length() > 1 && request.endsWith("/") ? base + "/" : base;
        }
        if (postfix.startsWith("/")) {
            return baseSlash ? base.substring(0, base.length() - 1) + postfix : base + postfix;
        }
        return baseSlash ? base + postfix : base + "/" + postfix;
    }

    private static String v1(String base, String request, String postfix, boolean strip) {
        if (!strip) {
            return base + request.substring(1);
        }
        if (base.endsWith("/") && postfix.startsWith("/")) {
            return base.substring(0, base.length() - 1) + postfix;
        }
        return base + postfix;
    }
}
