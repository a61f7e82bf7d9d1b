package dev.tollgate.host.router;

import dev.tollgate.db.Ref;
import dev.tollgate.db.Route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Builds {@link Route} records and requests for router tests, with Kong's defaults. */
final class TestRoutes {
    private TestRoutes() {
    }

    static Builder route(String id) {
        return new Builder(id);
    }

    /** Header lookup over name/value pairs, ignoring the name's case like a real request. */
    static Function<String, List<String>> headers(String... nameValuePairs) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            byName.computeIfAbsent(nameValuePairs[i], k -> new ArrayList<>()).add(nameValuePairs[i + 1]);
        }
        return name -> byName.getOrDefault(name, List.of());
    }

    /** The id of the route a GET over http with no headers matches, or null. */
    static String matchedId(RouteMatcher matcher, String host, String path) {
        return id(matcher.match("GET", "http", host, path, headers()));
    }

    static String id(Optional<RouteMatch> match) {
        return match.map(m -> m.route().id()).orElse(null);
    }

    static final class Builder {
        private final String id;
        private List<String> protocols = List.of("http", "https");
        private List<String> methods;
        private List<String> hosts;
        private List<String> paths;
        private Map<String, List<String>> headers;
        private boolean stripPath = true;
        private int regexPriority;
        private String pathHandling = "v0";
        private long createdAt = 1_000;

        private Builder(String id) {
            this.id = id;
        }

        Builder protocols(String... values) {
            protocols = List.of(values);
            return this;
        }

        Builder methods(String... values) {
            methods = List.of(values);
            return this;
        }

        Builder hosts(String... values) {
            hosts = List.of(values);
            return this;
        }

        Builder paths(String... values) {
            paths = List.of(values);
            return this;
        }

        Builder header(String name, String... values) {
            if (headers == null) {
                headers = new LinkedHashMap<>();
            }
            headers.put(name, List.of(values));
            return this;
        }

        Builder stripPath(boolean value) {
            stripPath = value;
            return this;
        }

        Builder regexPriority(int value) {
            regexPriority = value;
            return this;
        }

        Builder pathHandling(String value) {
            pathHandling = value;
            return this;
        }

        Builder createdAt(long value) {
            createdAt = value;
            return this;
        }

        Route build() {
            return new Route(id, id, new Ref("svc"), protocols, methods, hosts, paths, headers, stripPath, false,
                    regexPriority, pathHandling, 426, true, true, List.of(), createdAt, createdAt);
        }
    }
}
