package dev.tollgate.plugins.aiproxy;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-proxy}: one OpenAI-compatible front for many providers. Kong's ai-proxy fields
 * ({@code route_type}, {@code model}, {@code auth}, {@code logging}) carry over; {@code targets}
 * and {@code balancer} add Kong's ai-proxy-advanced (several models, balancing, fallback).
 */
public final class AiProxyPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-proxy";
    static final int PRIORITY = 770;

    public AiProxyPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), AiProxyConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiProxyPlugin(AiProxyConfig.from(config));
    }
}
