package dev.tollgate.plugins.requestsizelimiting;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code request-size-limiting}: Kong's limit on the size of request bodies. */
public final class RequestSizeLimitingPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "request-size-limiting";
    // Kong's number: after ip-restriction, before acl and the limits, so no later plugin reads an oversized body.
    static final int PRIORITY = 951;

    public RequestSizeLimitingPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), RequestSizeLimitingConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new RequestSizeLimitingPlugin(RequestSizeLimitingConfig.from(config));
    }
}
