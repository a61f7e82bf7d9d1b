package dev.tollgate.db;

import java.util.List;

/**
 * A JavaScript plugin uploaded through the Admin API; {@code name} is the plugin name its
 * source exports, {@code source} the ES module itself.
 */
public record ScriptPlugin(String id, String name, String source, List<String> tags, long createdAt, long updatedAt)
        implements Entity {
    public ScriptPlugin {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
