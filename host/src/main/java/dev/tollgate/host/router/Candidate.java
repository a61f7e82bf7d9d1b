package dev.tollgate.host.router;

import java.util.Comparator;

/**
 * One (route, path) pair to try; a route with several paths is tried once per path, each at its own
 * priority, so its {@code /a/b/c} is not held back by its {@code /a}.
 *
 * @param route     the compiled route
 * @param path      one of its paths, or null when it has none
 * @param pathIndex the position of {@code path} in the route, to keep the order stable
 */
record Candidate(CompiledRoute route, PathPattern path, int pathIndex) {

    /**
     * Kong's traditional order, most specific first: more attribute categories; with equal counts Kong's
     * category bits (hosts, headers, paths, methods); plain or no hosts before wildcard hosts; more headers;
     * regex paths before prefixes before no path; higher {@code regex_priority}; longer prefix; older
     * {@code created_at}; then id so the order never depends on the input order.
     */
    static final Comparator<Candidate> PRIORITY = Candidate::compare;

    private static int compare(Candidate a, Candidate b) {
        CompiledRoute ra = a.route;
        CompiledRoute rb = b.route;
        int c = Integer.compare(rb.categoryCount(), ra.categoryCount());
        if (c == 0) {
            c = Integer.compare(rb.categories(), ra.categories());
        }
        if (c == 0) {
            c = Boolean.compare(ra.hasWildcardHost(), rb.hasWildcardHost());
        }
        if (c == 0) {
            c = Integer.compare(rb.headers().size(), ra.headers().size());
        }
        if (c == 0) {
            c = Integer.compare(kind(a.path), kind(b.path));
        }
        if (c == 0 && a.path instanceof PathPattern.Regex) {
            c = Integer.compare(rb.route().regexPriority(), ra.route().regexPriority());
        }
        if (c == 0 && a.path instanceof PathPattern.Prefix pa && b.path instanceof PathPattern.Prefix pb) {
            c = Integer.compare(pb.prefix().length(), pa.prefix().length());
        }
        if (c == 0) {
            c = Long.compare(ra.route().createdAt(), rb.route().createdAt());
        }
        if (c == 0) {
            c = Comparator.nullsLast(Comparator.<String>naturalOrder()).compare(ra.route().id(), rb.route().id());
        }
        return c != 0 ? c : Integer.compare(a.pathIndex, b.pathIndex);
    }

    private static int kind(PathPattern path) {
        return switch (path) {
            case PathPattern.Regex _ -> 0;
            case PathPattern.Prefix _ -> 1;
            case null -> 2;
        };
    }

    @Override
    public String toString() {
        String id = route.route().name() != null ? route.route().name() : route.route().id();
        return path == null ? id : id + " " + path.source();
    }
}
