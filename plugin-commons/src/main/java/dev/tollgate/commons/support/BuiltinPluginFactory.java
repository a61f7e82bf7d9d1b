package dev.tollgate.commons.support;

import static java.util.Objects.requireNonNull;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;

/**
 * A built-in plugin's factory: its name, priority, phases and schema are given once, to the
 * constructor, and its version is the built-in plugins' {@value #VERSION}. A subclass adds
 * {@link #create} and, for an authentication plugin, {@link #credentialType}.
 */
public abstract class BuiltinPluginFactory implements PluginFactory {
    /** The version of every built-in plugin: they are released with the gateway. */
    public static final String VERSION = "1.0.0";

    private final String name;
    private final int priority;
    private final Set<Phase> phases;
    private final ConfigSchema schema;

    protected BuiltinPluginFactory(String name, int priority, Set<Phase> phases, ConfigSchema schema) {
        this.name = requireNonNull(name, "name");
        this.priority = priority;
        this.phases = Set.copyOf(requireNonNull(phases, "phases"));
        this.schema = requireNonNull(schema, "schema");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public final String version() {
        return VERSION;
    }

    @Override
    public final Set<Phase> phases() {
        return phases;
    }

    @Override
    public final ConfigSchema configSchema() {
        return schema;
    }
}
