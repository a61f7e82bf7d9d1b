package dev.tollgate.sdk.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One configuration field: its name, type, default, whether it is required, what it means,
 * and the values it accepts. Build with the static factories:
 * {@code Field.integer("minute").min(0).description("Requests per minute.")}.
 *
 * @since 0.1.0
 */
public final class Field {
    private final String name;
    private final FieldType type;
    private final String description;
    private final Object defaultValue;
    private final boolean required;
    private final List<String> oneOf;
    private final Long min;
    private final Long max;
    private final ConfigSchema record;
    private final Predicate<Object> check;
    private final String expected;
    private final boolean secret;

    private Field(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.description = b.description;
        this.defaultValue = b.defaultValue;
        this.required = b.required;
        this.oneOf = b.oneOf;
        this.min = b.min;
        this.max = b.max;
        this.record = b.record;
        this.check = b.check;
        this.expected = b.expected;
        this.secret = b.secret;
    }

    public static Builder string(String name) {
        return new Builder(name, FieldType.STRING);
    }

    public static Builder integer(String name) {
        return new Builder(name, FieldType.INTEGER);
    }

    public static Builder number(String name) {
        return new Builder(name, FieldType.NUMBER);
    }

    public static Builder bool(String name) {
        return new Builder(name, FieldType.BOOLEAN);
    }

    public static Builder strings(String name) {
        return new Builder(name, FieldType.STRING_ARRAY);
    }

    public static Builder integers(String name) {
        return new Builder(name, FieldType.INTEGER_ARRAY);
    }

    public static Builder stringMap(String name) {
        return new Builder(name, FieldType.STRING_MAP);
    }

    /** A nested record, e.g. {@code redis} with {@code host} and {@code port}. */
    public static Builder record(String name, ConfigSchema fields) {
        Builder b = new Builder(name, FieldType.RECORD);
        b.record = requireNonNull(fields, "fields");
        return b;
    }

    /** A list of records sharing one schema, e.g. {@code targets} with {@code model} and {@code weight}. */
    public static Builder records(String name, ConfigSchema fields) {
        Builder b = new Builder(name, FieldType.RECORD_ARRAY);
        b.record = requireNonNull(fields, "fields");
        return b;
    }

    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    public String description() {
        return description;
    }

    /** The value used when the field is absent; empty when there is none (the field is then null). */
    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean required() {
        return required;
    }

    /** The accepted values (for strings, or each element of a string array); empty for any. */
    public List<String> oneOf() {
        return oneOf;
    }

    public Optional<Long> min() {
        return Optional.ofNullable(min);
    }

    public Optional<Long> max() {
        return Optional.ofNullable(max);
    }

    /** The nested schema of a {@link FieldType#RECORD}. */
    public Optional<ConfigSchema> record() {
        return Optional.ofNullable(record);
    }

    /** True for values the Admin API must not show (passwords, keys). */
    public boolean secret() {
        return secret;
    }

    Optional<Predicate<Object>> check() {
        return Optional.ofNullable(check);
    }

    String expected() {
        return expected;
    }

    @Override
    public String toString() {
        return name + ":" + type.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**

     * Builds a {@link Field}; every field needs a description.

     *

     * @since 0.1.0

     */
    public static final class Builder {
        private final String name;
        private final FieldType type;
        private String description;
        private Object defaultValue;
        private boolean required;
        private List<String> oneOf = List.of();
        private Long min;
        private Long max;
        private ConfigSchema record;
        private Predicate<Object> check;
        private String expected;
        private boolean secret;

        private Builder(String name, FieldType type) {
            this.name = requireNonNull(name, "name");
            this.type = type;
        }

        public Builder description(String description) {
            this.description = requireNonNull(description, "description");
            return this;
        }

        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder oneOf(String... values) {
            this.oneOf = List.of(values);
            return this;
        }

        public Builder min(long min) {
            this.min = min;
            return this;
        }

        public Builder max(long max) {
            this.max = max;
            return this;
        }

        /** A further rule; {@code expected} says what a good value looks like, for the error message. */
        public Builder check(Predicate<Object> rule, String expected) {
            this.check = requireNonNull(rule, "rule");
            this.expected = requireNonNull(expected, "expected");
            return this;
        }

        public Builder secret() {
            this.secret = true;
            return this;
        }

        public Field build() {
            if (description == null || description.isBlank()) {
                throw new IllegalStateException("field " + name + ": description missing (every field needs one)");
            }
            return new Field(this);
        }
    }
}
