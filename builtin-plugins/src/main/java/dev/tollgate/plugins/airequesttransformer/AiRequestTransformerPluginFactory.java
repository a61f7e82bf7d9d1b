package dev.tollgate.plugins.airequesttransformer;

import java.util.Set;

import dev.tollgate.commons.llm.transform.TransformerSchemas;
import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-request-transformer}: an LLM rewrites the request body before it goes upstream, with
 * Kong's fields. Its priority (Kong's 777) puts it before the ai-prompt-* plugins and ai-proxy,
 * which see the rewritten body.
 */
public final class AiRequestTransformerPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-request-transformer";
    static final int PRIORITY = 777;
    /** Kong's default: 8 KiB. */
    static final long DEFAULT_MAX_BODY = 8192;

    static final ConfigSchema SCHEMA = TransformerSchemas.common(
                    "The instruction for the LLM (its system message): how to rewrite the request body, which it "
                            + "gets as the user message, and what to answer with — only the new body.",
                    "the body sent upstream")
            .field(Field.integer("max_request_body_size").min(0).max(Integer.MAX_VALUE).defaultValue(DEFAULT_MAX_BODY)
                    .description("The largest request body, in bytes, sent to the LLM; a larger one is refused with "
                            + "413. 0: no limit but the gateway's own."))
            .build();

    public AiRequestTransformerPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiRequestTransformerPlugin(AiRequestTransformerConfig.from(config, System::getenv));
    }
}
