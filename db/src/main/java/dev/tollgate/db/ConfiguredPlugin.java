package dev.tollgate.db;

import java.util.List;
import java.util.Map;

/**
 * A configured plugin instance. Global when it references nothing; otherwise bound to a
 * service, a route, a consumer, or a combination of them.
 */
public record ConfiguredPlugin(
        String id,
        String name,
        String instanceName,
        Ref service,
        Ref route,
        Ref consumer,
        Map<String, Object> config,
        List<String> protocols,
        boolean enabled,
        List<String> tags,
        long createdAt,
        long updatedAt) implements Entity {
    public ConfiguredPlugin {
        config = config == null ? Map.of() : config;
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** One instance of a plugin name per scope; the database enforces it with this key. */
    public String scopeKey() {
        return name + "|" + nz(Ref.idOf(service)) + "|" + nz(Ref.idOf(route)) + "|" + nz(Ref.idOf(consumer));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
