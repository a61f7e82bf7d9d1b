package dev.tollgate.sdk.config;

import java.util.Map;

/**

 * A configuration that does not fit its schema: one message per field ({@code "@entity"} for rules over several).

 *

 * @since 0.1.0

 */
public final class SchemaViolationException extends IllegalArgumentException {
    private final Map<String, String> errors;

    public SchemaViolationException(Map<String, String> errors) {
        super("schema violation " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
