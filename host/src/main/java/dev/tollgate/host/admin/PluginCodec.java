package dev.tollgate.host.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.db.ConfiguredPlugin;
import dev.tollgate.db.EntityJson;
import dev.tollgate.db.EntityKind;
import dev.tollgate.db.Ref;
import dev.tollgate.host.plugins.PluginRegistry;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;

/**
 * ConfiguredPlugin instances and their scope. The name must be a plugin this node has, and the config
 * must pass that plugin's schema; what is stored is the validated config, defaults applied.
 */
final class PluginCodec implements EntityCodec<ConfiguredPlugin> {
    @Override
    public Set<String> listFilters() {
        return Set.of("name");
    }

    private final PluginCatalog catalog;

    PluginCodec(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,127}");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    @Override
    public EntityKind<ConfiguredPlugin> kind() {
        return EntityKind.PLUGINS;
    }

    @Override
    public Set<String> fields() {
        return Set.of("name", "instance_name", "service", "route", "consumer", "config", "protocols", "enabled", "tags");
    }

    @Override
    public ConfiguredPlugin build(FieldReader r, Meta meta, References refs) {
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
        if (name != null) {
            Optional<PluginFactory> factory = catalog.find(name);
            if (factory.isEmpty()) {
                r.error("name", "plugin '" + name + "' not enabled; enabled plugins: "
                        + String.join(", ", catalog.registry().get().all().stream().map(PluginFactory::name).toList())
                        + problems());
            } else if (r.isValid()) {
                try {
                    config = factory.get().configSchema().validate(config).asMap();
                } catch (SchemaViolationException e) {
                    e.errors().forEach((field, message) ->
                            r.error(field.equals("@entity") ? "config" : "config." + field, message));
                } catch (RuntimeException | LinkageError e) {
                    // the plugin's own code failed (a class missing from its jar, a bug in a rule)
                    r.error("config", "plugin '" + name + "' failed while checking its configuration: " + e);
                }
            }
        }
        List<String> protocols = r.strings("protocols");
        if (protocols == null) {
            protocols = List.of("http", "https");
        } else if (protocols.isEmpty() || !List.of("http", "https").containsAll(protocols)) {
            r.error("protocols", "expected one or more of: http, https");
        }
        boolean enabled = r.bool("enabled", true);
        return new ConfiguredPlugin(meta.id(), name, instanceName, service, route, consumer, config, protocols, enabled,
                Tags.read(r), meta.createdAt(), meta.updatedAt());
    }

    /** The plugin files that did not load, one of which may hold the plugin asked for. */
    private String problems() {
        return catalog.problems().get().stream().map(p -> "; " + p.file() + " did not load: " + p.message())
                .reduce("", String::concat);
    }

    /** As stored, except the values of secret fields (passwords, tokens), which are never shown. */
    @Override
    public ObjectNode render(ConfiguredPlugin plugin) {
        ObjectNode out = EntityJson.mapper().valueToTree(plugin);
        catalog.registry().get().find(plugin.name()).ifPresent(f -> {
            if (out.get("config") instanceof ObjectNode config) {
                redact(config, f.configSchema());
            }
        });
        return out;
    }

    /** PATCH merges into the real values, secrets included. */
    @Override
    public ObjectNode editable(ConfiguredPlugin plugin) {
        return EntityJson.mapper().valueToTree(plugin);
    }

    @Override
    public void keepSecrets(ObjectNode input, ObjectNode stored) {
        if (!(input.get("config") instanceof ObjectNode config) || !input.path("name").isTextual()) {
            return;
        }
        catalog.registry().get().find(input.get("name").asText()).ifPresent(f ->
                restore(config, stored.get("config") instanceof ObjectNode old ? old : null, f.configSchema()));
    }

    /** "<redacted>" in a secret field: the stored value at the same place (same index in a list), else no value. */
    private static void restore(ObjectNode config, ObjectNode old, ConfigSchema schema) {
        for (Field field : schema.fields()) {
            com.fasterxml.jackson.databind.JsonNode v = config.get(field.name());
            com.fasterxml.jackson.databind.JsonNode was = old == null ? null : old.get(field.name());
            if (v == null || v.isNull()) {
                continue;
            }
            if (field.secret() && v.isTextual() && v.asText().equals(REDACTED)) {
                if (was != null && !was.isNull()) {
                    config.set(field.name(), was);
                } else {
                    config.remove(field.name());
                }
            } else if (v instanceof ObjectNode nested && field.record().isPresent()) {
                restore(nested, was instanceof ObjectNode o ? o : null, field.record().get());
            } else if (v.isArray() && field.record().isPresent()) {
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i) instanceof ObjectNode nested) {
                        com.fasterxml.jackson.databind.JsonNode oldItem = was != null && was.isArray() && i < was.size() ? was.get(i) : null;
                        restore(nested, oldItem instanceof ObjectNode o ? o : null, field.record().get());
                    }
                }
            }
        }
    }

    private static final String REDACTED = "<redacted>";

    private static void redact(ObjectNode config, ConfigSchema schema) {
        for (Field field : schema.fields()) {
            com.fasterxml.jackson.databind.JsonNode v = config.get(field.name());
            if (v == null || v.isNull()) {
                continue;
            }
            if (field.secret()) {
                config.put(field.name(), REDACTED);
            } else if (v instanceof ObjectNode nested && field.record().isPresent()) {
                redact(nested, field.record().get());
            } else if (v.isArray() && field.record().isPresent()) {
                for (com.fasterxml.jackson.databind.JsonNode item : v) {
                    if (item instanceof ObjectNode nested) {
                        redact(nested, field.record().get());
                    }
                }
            }
        }
    }
}
