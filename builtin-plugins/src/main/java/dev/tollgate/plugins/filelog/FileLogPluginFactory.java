package dev.tollgate.plugins.filelog;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code file-log}: Kong's request log appended to a file, one JSON object per line. */
public final class FileLogPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "file-log";
    // Kong's number.
    static final int PRIORITY = 9;

    public FileLogPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.LOG), FileLogConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new FileLogPlugin(FileLogConfig.from(config));
    }
}
