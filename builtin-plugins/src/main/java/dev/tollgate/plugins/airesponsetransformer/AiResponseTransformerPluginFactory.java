package dev.tollgate.plugins.airesponsetransformer;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-response-transformer}: an LLM rewrites the response body before the client gets it,
 * with Kong's fields. It runs in the response phase, so the gateway buffers the responses of the
 * routes it applies to (a stream reaches the client whole, once transformed).
 */
public final class AiResponseTransformerPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-response-transformer";
    static final int PRIORITY = 769;

    public AiResponseTransformerPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.RESPONSE), AiResponseTransformerConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiResponseTransformerPlugin(AiResponseTransformerConfig.from(config, System::getenv));
    }
}
