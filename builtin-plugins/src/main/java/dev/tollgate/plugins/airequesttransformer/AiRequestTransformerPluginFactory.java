package dev.tollgate.plugins.airequesttransformer;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-request-transformer}: an LLM rewrites the request body before it goes upstream, with
 * Kong's fields. Its priority (Kong's 777) puts it before the ai-prompt-* plugins and ai-proxy,
 * which see the rewritten body.
 */
public final class AiRequestTransformerPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-request-transformer";
    static final int PRIORITY = 777;

    public AiRequestTransformerPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), AiRequestTransformerConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiRequestTransformerPlugin(AiRequestTransformerConfig.from(config, System::getenv));
    }
}
