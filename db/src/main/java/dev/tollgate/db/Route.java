package dev.tollgate.db;

import java.util.List;
import java.util.Map;

/** Rules that match client requests to a {@link Service} (Kong's Route). */
public record Route(
        String id,
        String name,
        Ref service,
        List<String> protocols,
        List<String> methods,
        List<String> hosts,
        List<String> paths,
        Map<String, List<String>> headers,
        boolean stripPath,
        boolean preserveHost,
        int regexPriority,
        String pathHandling,
        int httpsRedirectStatusCode,
        boolean requestBuffering,
        boolean responseBuffering,
        List<String> tags,
        long createdAt,
        long updatedAt) implements Entity {
    public Route {
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
        methods = methods == null ? null : List.copyOf(methods);
        hosts = hosts == null ? null : List.copyOf(hosts);
        paths = paths == null ? null : List.copyOf(paths);
        headers = headers == null ? null : Map.copyOf(headers);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
