package dev.tollgate.plugins.filelog;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code file-log}: Kong's request log appended to a file, one JSON object per line. */
public final class FileLogPluginFactory implements PluginFactory {
    static final String NAME = "file-log";
    // Kong's number.
    static final int PRIORITY = 9;
    static final String VERSION = "1.0.0";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.LOG);
    }

    @Override
    public ConfigSchema configSchema() {
        return FileLogConfig.SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new FileLogPlugin(FileLogConfig.from(config));
    }
}
