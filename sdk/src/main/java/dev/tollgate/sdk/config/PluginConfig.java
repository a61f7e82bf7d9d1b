package dev.tollgate.sdk.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated configuration: every field of the schema present, defaults applied. Integers
 * are {@code Long}, numbers {@code Double}, arrays {@code List}, records nested
 * {@code PluginConfig}s.
 *
 * @since 0.1.0
 */
public final class PluginConfig {
    private final Map<String, Object> values;

    PluginConfig(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The validated values, e.g. to store or show; nested records are maps. */
    public Map<String, Object> asMap() {
        return values;
    }

    public Optional<String> string(String field) {
        return Optional.ofNullable((String) values.get(field));
    }

    public Optional<Long> integer(String field) {
        return Optional.ofNullable((Long) values.get(field));
    }

    public Optional<Double> number(String field) {
        return Optional.ofNullable((Double) values.get(field));
    }

    public boolean bool(String field) {
        return Boolean.TRUE.equals(values.get(field));
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String field) {
        Object v = values.get(field);
        return v == null ? List.of() : (List<String>) v;
    }

    @SuppressWarnings("unchecked")
    public List<Long> integers(String field) {
        Object v = values.get(field);
        return v == null ? List.of() : (List<Long>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String field) {
        Object v = values.get(field);
        return v == null ? Map.of() : (Map<String, String>) v;
    }

    /** A nested record's values. */
    @SuppressWarnings("unchecked")
    public PluginConfig record(String field) {
        Object v = values.get(field);
        return new PluginConfig(v == null ? Map.of() : (Map<String, Object>) v);
    }

    /** The records of a record-array field, in order; empty when unset. */
    @SuppressWarnings("unchecked")
    public List<PluginConfig> records(String field) {
        Object v = values.get(field);
        return v == null ? List.of() : ((List<Map<String, Object>>) v).stream().map(PluginConfig::new).toList();
    }

    @Override
    public String toString() {
        return "PluginConfig" + values;
    }
}
