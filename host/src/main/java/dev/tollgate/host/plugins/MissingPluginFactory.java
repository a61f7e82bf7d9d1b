package dev.tollgate.host.plugins;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** A plugin configured in the store but not installed on this node. */
record MissingPluginFactory(String name) implements PluginFactory {
    @Override
    public int priority() {
        return Integer.MAX_VALUE; // fail before anything else runs
    }

    @Override
    public String version() {
        return "missing";
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS);
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    @Override
    public Plugin create(PluginConfig config) {
        throw new IllegalStateException("plugin " + name + " is not installed"); // never called: PluginIndex stands in
    }
}
