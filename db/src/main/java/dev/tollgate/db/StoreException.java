package dev.tollgate.db;

import java.util.Map;

/** A write the store refused, or a store that cannot be reached. */
public sealed class StoreException extends RuntimeException {

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A unique key is already taken; {@code fields} maps the Admin API field names to the values. */
    public static final class Duplicate extends StoreException {
        private final Map<String, Object> fields;

        public Duplicate(String message, Map<String, Object> fields) {
            super(message, null);
            // A key part may be null (a model price for any provider): Map.copyOf would refuse it.
            this.fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        public Map<String, Object> fields() {
            return fields;
        }
    }

    /** A reference to a missing entity, or a delete of an entity others still reference. */
    public static final class Reference extends StoreException {
        private final String field;

        /** {@code field}: the Admin API field holding the broken reference, or null. */
        public Reference(String field, String message) {
            super(message, null);
            this.field = field;
        }

        public java.util.Optional<String> field() {
            return java.util.Optional.ofNullable(field);
        }
    }

    /** A lookup by name matched several entities. */
    public static final class Ambiguous extends StoreException {
        public Ambiguous(String message) {
            super(message, null);
        }
    }

    /** The database cannot be reached or failed. */
    public static final class Unavailable extends StoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
