package dev.tollgate.plugins.airatelimiting;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-rate-limiting}: token and cost limits per window and spend budgets, Tollgate's take
 * on Kong's enterprise ai-rate-limiting-advanced. Checked before the LLM call, charged with the
 * call's real usage after it.
 */
public final class AiRateLimitingPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-rate-limiting";
    // Below authentication and request rate-limiting (910), so identifier=consumer sees who is
    // calling and cheap request limits refuse first; above the prompt plugins and ai-proxy (770),
    // so a spent budget costs no prompt work and no LLM call.
    static final int PRIORITY = 905;

    public AiRateLimitingPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS, Phase.LOG), AiRateLimitingConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiRateLimitingPlugin(AiRateLimitingConfig.from(config));
    }
}
