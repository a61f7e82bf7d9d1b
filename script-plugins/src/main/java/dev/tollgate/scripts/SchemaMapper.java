package dev.tollgate.scripts;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A script's {@code schema} export ({@code {limit: {type: "integer", default: 5, min: 0,
 * description: "..."}}}) as the SDK's {@link ConfigSchema}, so the Admin API and UI treat
 * script plugins like Java ones. Strict: unknown keys and types are refused.
 */
final class SchemaMapper {
    private static final Set<String> KEYS = Set.of("type", "default", "required", "description", "one_of", "min", "max",
            "fields", "elements", "secret");

    private SchemaMapper() {
    }

    /** @throws IllegalArgumentException naming the field and what is wrong */
    static ConfigSchema toSchema(Object schema, String prefix) {
        if (schema == null) {
            return ConfigSchema.empty();
        }
        if (!(schema instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException(where(prefix) + "expected an object of fields");
        }
        ConfigSchema.Builder b = ConfigSchema.builder();
        fields.forEach((name, spec) -> b.field(field(prefix + name, String.valueOf(name), spec)));
        return b.build();
    }

    private static Field field(String path, String name, Object spec) {
        if (!(spec instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("schema." + path + ": expected an object {type, description, ...}");
        }
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("schema." + path + ": unknown key " + k + " (expected: one of " + KEYS + ")");
            }
        }
        String type = String.valueOf(m.get("type"));
        Object dflt = m.get("default");
        Field.Builder f = switch (type) {
            case "string" -> Field.string(name);
            case "integer" -> Field.integer(name);
            case "number" -> Field.number(name);
            case "boolean" -> Field.bool(name);
            case "map" -> Field.stringMap(name);
            case "array" -> "integer".equals(m.get("elements")) ? Field.integers(name) : Field.strings(name);
            case "record" -> Field.record(name, toSchema(m.get("fields"), path + "."));
            default -> throw new IllegalArgumentException("schema." + path + ": type " + type
                    + " (expected: string, integer, number, boolean, array, map or record)");
        };
        if (!(m.get("description") instanceof String d) || d.isBlank()) {
            throw new IllegalArgumentException("schema." + path + ": description missing (every field needs one)");
        }
        f.description(d);
        if (dflt != null) {
            f.defaultValue(switch (type) {
                case "integer" -> dflt instanceof Number n ? (Object) n.longValue() : dflt;
                case "number" -> dflt instanceof Number n ? (Object) n.doubleValue() : dflt;
                default -> dflt;
            });
        }
        if (Boolean.TRUE.equals(m.get("required"))) {
            f.required();
        }
        if (Boolean.TRUE.equals(m.get("secret"))) {
            f.secret();
        }
        if (m.get("one_of") instanceof List<?> values) {
            f.oneOf(values.stream().map(String::valueOf).toArray(String[]::new));
        }
        if (m.get("min") instanceof Number n) {
            f.min(n.longValue());
        }
        if (m.get("max") instanceof Number n) {
            f.max(n.longValue());
        }
        return f.build();
    }

    private static String where(String prefix) {
        return prefix.isEmpty() ? "schema: " : "schema." + prefix.substring(0, prefix.length() - 1) + ": ";
    }
}
