package dev.tollgate.plugins.requestsizelimiting;

import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginFactory;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.PluginConfig;

/** Provides {@code request-size-limiting}: Kong's limit on the size of request bodies. */
public final class RequestSizeLimitingPluginFactory implements PluginFactory {
    static final String NAME = "request-size-limiting";
    // Kong's number: after ip-restriction, before acl and the limits, so no later plugin reads an oversized body.
    static final int PRIORITY = 951;
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
        return Set.of(Phase.ACCESS);
    }

    @Override
    public ConfigSchema configSchema() {
        return RequestSizeLimitingConfig.SCHEMA;
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new RequestSizeLimitingPlugin(RequestSizeLimitingConfig.from(config));
    }
}
