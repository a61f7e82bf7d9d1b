package dev.tollgate.scripts;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * The factory of one loaded script: its exports and its pool of contexts, shared by every
 * configured instance. {@link #close()} when the file is replaced or removed.
 */
public final class JsPluginFactory implements PluginFactory, AutoCloseable {
    private final ScriptExports exports;
    private final ContextPool pool;

    JsPluginFactory(ScriptExports exports, ContextPool pool) {
        this.exports = exports;
        this.pool = pool;
    }

    @Override
    public String name() {
        return exports.name();
    }

    @Override
    public int priority() {
        return exports.priority();
    }

    @Override
    public String version() {
        return exports.version();
    }

    @Override
    public Set<Phase> phases() {
        return exports.phases();
    }

    @Override
    public ConfigSchema configSchema() {
        return exports.schema();
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new JsPlugin(exports.name(), pool, config);
    }

    ContextPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "JsPluginFactory[" + exports.name() + " " + exports.version() + ", phases " + exports.phases() + "]";
    }
}
