package dev.tollgate.host.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.tollgate.db.EntityKind;
import dev.tollgate.db.Ref;
import dev.tollgate.db.Route;
import dev.tollgate.host.router.RouteMatcher;

/** Routes: Kong's matching fields; regex paths are compiled here so a bad one never reaches the router. */
final class RouteCodec implements EntityCodec<Route> {
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,32}");
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[A-Za-z0-9._-]{1,253}(\\.\\*)?(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}");
    private static final Pattern PREFIX = Pattern.compile("/[^\\s?#]*");

    @Override
    public EntityKind<Route> kind() {
        return EntityKind.ROUTES;
    }

    @Override
    public Set<String> fields() {
        return Set.of("name", "service", "protocols", "methods", "hosts", "paths", "headers", "strip_path",
                "preserve_host", "regex_priority", "path_handling", "https_redirect_status_code",
                "request_buffering", "response_buffering", "tags");
    }

    @Override
    public Route build(FieldReader r, Meta meta, References refs) {
        String name = r.string("name", ServiceCodec.NAME, "letters, digits, '.', '-', '_' or '~', at most 128").orElse(null);
        Ref service = refs.resolve(r, "service", EntityKind.SERVICES);
        List<String> protocols = r.strings("protocols");
        if (protocols == null) {
            protocols = List.of("http", "https");
        } else if (protocols.isEmpty() || !List.of("http", "https").containsAll(protocols)) {
            r.error("protocols", "expected one or more of: http, https");
        }
        List<String> methods = r.strings("methods");
        if (methods != null) {
            methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
            methods.stream().filter(m -> !METHOD.matcher(m).matches()).findFirst()
                    .ifPresent(m -> r.error("methods", "invalid method '" + FieldReader.abbreviate(m) + "'"));
        }
        List<String> hosts = r.strings("hosts");
        if (hosts != null) {
            hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            hosts.stream().filter(h -> !HOST.matcher(h).matches() || h.startsWith("*.") && h.endsWith(".*")).findFirst()
                    .ifPresent(h -> r.error("hosts", "invalid host '" + FieldReader.abbreviate(h)
                            + "' (expected: a hostname, with at most one wildcard at the start or the end)"));
        }
        List<String> paths = r.strings("paths");
        if (paths != null) {
            for (String p : paths) {
                checkPath(r, p);
            }
        }
        Map<String, List<String>> headers = r.stringLists("headers");
        if (headers != null) {
            for (var e : headers.entrySet()) {
                if (!HEADER_NAME.matcher(e.getKey()).matches() || e.getKey().equalsIgnoreCase("host")) {
                    r.error("headers", "invalid header name '" + FieldReader.abbreviate(e.getKey())
                            + "' (use 'hosts' to match on Host)");
                }
                for (String v : e.getValue()) {
                    if (v.startsWith("~*")) {
                        compile(r, "headers", v.substring(2));
                    }
                }
            }
        }
        if (isEmpty(methods) && isEmpty(hosts) && isEmpty(paths) && (headers == null || headers.isEmpty())) {
            r.error("@entity", "must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http' or 'https'");
        }
        boolean stripPath = r.bool("strip_path", true);
        boolean preserveHost = r.bool("preserve_host", false);
        int regexPriority = r.integer("regex_priority", Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        String pathHandling = r.oneOf("path_handling", List.of("v0", "v1"), "v0");
        int redirect = r.integer("https_redirect_status_code", 301, 426, 426);
        if (!List.of(426, 301, 302, 307, 308).contains(redirect)) {
            r.error("https_redirect_status_code", "expected one of: 426, 301, 302, 307, 308");
        }
        boolean requestBuffering = r.bool("request_buffering", true);
        boolean responseBuffering = r.bool("response_buffering", true);
        Route route = new Route(meta.id(), name, service, protocols, methods, hosts, paths, headers, stripPath,
                preserveHost, regexPriority, pathHandling, redirect, requestBuffering, responseBuffering, Tags.read(r),
                meta.createdAt(), meta.updatedAt());
        if (r.isValid()) {
            try {
                RouteMatcher.check(route); // the router's own rules, so nothing stored can be unroutable
            } catch (IllegalArgumentException e) {
                reportRouterRefusal(r, e.getMessage());
            }
        }
        return route;
    }

    /** Maps "route ID: host: '*.*.com' (expected: ...)" to the Admin API field it is about. */
    private static void reportRouterRefusal(FieldReader r, String message) {
        String msg = message.replaceFirst("^route [^:]*: ", "");
        var m = java.util.regex.Pattern.compile("^([a-z_]+)(\\.[^:]*)?: (.*)$").matcher(msg);
        if (!m.matches()) {
            r.error("@entity", msg);
            return;
        }
        String field = switch (m.group(1)) {
            case "host" -> "hosts";
            case "path" -> "paths";
            case "method" -> "methods";
            default -> m.group(1);
        };
        r.error(field, m.group(3));
    }

    private static void checkPath(FieldReader r, String p) {
        if (p.startsWith("~")) {
            compile(r, "paths", p.substring(1));
        } else if (!PREFIX.matcher(p).matches()) {
            r.error("paths", "invalid path '" + FieldReader.abbreviate(p)
                    + "' (expected: a prefix starting with '/' or a regex starting with '~')");
        }
    }

    private static void compile(FieldReader r, String field, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            r.error(field, "invalid regex '" + FieldReader.abbreviate(regex) + "': " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    private static boolean isEmpty(List<?> l) {
        return l == null || l.isEmpty();
    }
}
