package dev.tollgate.host.admin;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.host.plugins.PluginRegistry;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * {@code GET /plugins/enabled} and {@code GET /schemas/plugins/{name}}: what this node can run,
 * the plugin files that did not load and why, and how to configure each plugin.
 */
final class PluginSchemas {
    private final Supplier<PluginRegistry> registry;
    private final PluginCatalog catalog;

    PluginSchemas(PluginCatalog catalog) {
        this.catalog = catalog;
        this.registry = catalog.registry();
    }

    ObjectNode enabled() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode names = out.putArray("enabled_plugins");
        ArrayNode details = out.putArray("plugins");
        for (PluginFactory f : registry.get().all()) {
            names.add(f.name());
            ObjectNode d = details.addObject();
            d.put("name", f.name()).put("version", f.version()).put("priority", f.priority());
            ArrayNode phases = d.putArray("phases");
            f.phases().stream().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).sorted().forEach(phases::add);
            f.credentialType().ifPresent(t -> d.put("credential_kind", t.kind()));
            d.put("source", catalog.source().apply(f.name()));
        }
        ArrayNode problems = out.putArray("load_errors");
        for (var p : catalog.problems().get()) {
            problems.addObject().put("file", p.file()).put("message", p.message())
                    .put("previous_version_active", p.previousVersionActive());
        }
        return out;
    }

    ObjectNode schema(String name) {
        PluginFactory f = registry.get().find(name).orElseThrow(AdminException::notFound);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", f.name()).put("version", f.version()).put("priority", f.priority());
        out.set("fields", fields(f.configSchema()));
        f.credentialType().ifPresent(t -> {
            ObjectNode c = out.putObject("credential");
            c.put("kind", t.kind()).put("key_field", t.keyField());
            c.set("fields", fields(t.schema()));
        });
        return out;
    }

    static ArrayNode fields(ConfigSchema schema) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Field field : schema.fields()) {
            ObjectNode f = out.addObject();
            f.put("name", field.name());
            f.put("type", field.type().name().toLowerCase(java.util.Locale.ROOT));
            f.put("required", field.required());
            f.put("description", field.description());
            field.defaultValue().ifPresent(d -> f.putPOJO("default", d));
            if (!field.oneOf().isEmpty()) {
                ArrayNode one = f.putArray("one_of");
                field.oneOf().forEach(one::add);
            }
            field.min().ifPresent(m -> f.put("min", m));
            field.max().ifPresent(m -> f.put("max", m));
            if (field.secret()) {
                f.put("secret", true);
            }
            field.record().ifPresent(r -> f.set("fields", fields(r)));
        }
        return out;
    }
}
