package dev.tollgate.plugins.httplog;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code http-log}: Kong's request log sent to an HTTP endpoint, queued, batched and retried in the background. */
public final class HttpLogPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "http-log";
    // Kong's number.
    static final int PRIORITY = 12;

    public HttpLogPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.LOG), HttpLogConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new HttpLogPlugin(HttpLogConfig.from(config));
    }
}
