package dev.tollgate.plugins.httplog;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code http-log}: Kong's request log sent to an HTTP endpoint, queued, batched and retried in the background. */
public final class HttpLogPluginFactory implements PluginFactory {
    static final String NAME = "http-log";
    // Kong's number.
    static final int PRIORITY = 12;
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
        return HttpLogConfig.SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new HttpLogPlugin(HttpLogConfig.from(config));
    }
}
