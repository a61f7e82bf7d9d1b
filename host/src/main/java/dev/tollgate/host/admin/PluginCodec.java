package dev.tollgate.host.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.EntityJson;
import dev.tollgate.db.EntityKind;
import dev.tollgate.db.Plugin;
import dev.tollgate.db.Ref;

/**
 * Plugin instances and their scope. The plugin's own config schema is checked by the plugin
 * host when plugins arrive; here the config must be a JSON object.
 */
final class PluginCodec implements EntityCodec<Plugin> {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,127}");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    @Override
    public EntityKind<Plugin> kind() {
        return EntityKind.PLUGINS;
    }

    @Override
    public Set<String> fields() {
        return Set.of("name", "instance_name", "service", "route", "consumer", "config", "protocols", "enabled", "tags");
    }

    @Override
    public Plugin build(FieldReader r, Meta meta, References refs) {
        String name = r.string("name", NAME, "a plugin name: lower-case letters, digits, '-' or '_'").orElse(null);
        if (name == null && !r.has("name")) {
            r.error("name", "required field missing");
        }
        String instanceName = r.string("instance_name", ServiceCodec.NAME, "letters, digits, '.', '-', '_' or '~'").orElse(null);
        Ref service = refs.resolve(r, "service", EntityKind.SERVICES);
        Ref route = refs.resolve(r, "route", EntityKind.ROUTES);
        Ref consumer = refs.resolve(r, "consumer", EntityKind.CONSUMERS);
        ObjectNode configNode = r.object("config");
        Map<String, Object> config = configNode == null ? Map.of() : EntityJson.mapper().convertValue(configNode, MAP);
        List<String> protocols = r.strings("protocols");
        if (protocols == null) {
            protocols = List.of("http", "https");
        } else if (protocols.isEmpty() || !List.of("http", "https").containsAll(protocols)) {
            r.error("protocols", "expected one or more of: http, https");
        }
        boolean enabled = r.bool("enabled", true);
        return new Plugin(meta.id(), name, instanceName, service, route, consumer, config, protocols, enabled,
                Tags.read(r), meta.createdAt(), meta.updatedAt());
    }
}
