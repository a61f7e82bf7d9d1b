package dev.tollgate.commons.aiprompt;

import java.util.Map;

import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.SchemaViolationException;

/** What the Admin API would answer for a configuration: the errors by field. */
public final class ConfigErrors {
    private ConfigErrors() {
    }

    /** The errors of {@code input}; fails the test when the configuration is accepted. */
    public static Map<String, String> of(PluginFactory factory, Map<String, ?> input) {
        try {
            factory.configSchema().validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }
}
