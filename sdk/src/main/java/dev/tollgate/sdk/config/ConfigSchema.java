package dev.tollgate.sdk.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields of a plugin's configuration (or of a credential). Validation is strict: unknown
 * fields are refused, every value is checked against its field, defaults fill what is absent,
 * and rules over several fields run last. The gateway validates when configuration is written,
 * never per request.
 *
 * @since 0.1.0
 */
public final class ConfigSchema {
    private final List<Field> fields;
    private final List<Function<PluginConfig, Optional<String>>> rules;

    private ConfigSchema(List<Field> fields, List<Function<PluginConfig, Optional<String>>> rules) {
        this.fields = List.copyOf(fields);
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A schema with no fields. */
    public static ConfigSchema empty() {
        return builder().build();
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Validates {@code input} (values as JSON parsers give them: String, Number, Boolean, List,
     * Map; form bodies give strings, which are accepted for numbers and booleans).
     *
     * @return the configuration with defaults applied and every field present
     * @throws SchemaViolationException naming each bad field (nested as {@code redis.host})
     */
    public PluginConfig validate(Map<String, ?> input) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> values = Validator.validate(this, input == null ? Map.of() : input, "", errors);
        if (!errors.isEmpty()) {
            throw new SchemaViolationException(errors);
        }
        PluginConfig config = new PluginConfig(values);
        for (var rule : rules) {
            rule.apply(config).ifPresent(message -> errors.put("@entity", message));
        }
        if (!errors.isEmpty()) {
            throw new SchemaViolationException(errors);
        }
        return config;
    }

    List<Function<PluginConfig, Optional<String>>> rules() {
        return rules;
    }

    /**

     * Builds a {@link ConfigSchema}.

     *

     * @since 0.1.0

     */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();
        private final List<Function<PluginConfig, Optional<String>>> rules = new ArrayList<>();

        public Builder field(Field.Builder field) {
            return field(field.build());
        }

        public Builder field(Field field) {
            requireNonNull(field, "field");
            if (fields.stream().anyMatch(f -> f.name().equals(field.name()))) {
                throw new IllegalArgumentException("field " + field.name() + ": defined twice");
            }
            fields.add(field);
            return this;
        }

        /** A rule over several fields: returns the problem, or empty when the configuration is fine. */
        public Builder rule(Function<PluginConfig, Optional<String>> rule) {
            rules.add(requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * The plugin's configuration record, whose construction holds the rules over several
         * fields: the Admin API refuses a configuration whose {@code parser} throws
         * {@link IllegalArgumentException}, with that exception's message (a 400 naming what is
         * wrong), so the schema and the record refuse the same things in the same words.
         */
        public Builder parsedBy(Function<PluginConfig, ?> parser) {
            requireNonNull(parser, "parser");
            return rule(config -> {
                try {
                    parser.apply(config);
                    return Optional.empty();
                } catch (IllegalArgumentException e) {
                    return Optional.of(String.valueOf(e.getMessage()));
                }
            });
        }

        public ConfigSchema build() {
            return new ConfigSchema(fields, rules);
        }
    }
}
