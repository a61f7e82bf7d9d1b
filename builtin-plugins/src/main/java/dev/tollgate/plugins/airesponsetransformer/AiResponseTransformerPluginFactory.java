package dev.tollgate.plugins.airesponsetransformer;

import java.util.Set;

import dev.tollgate.commons.llm.transform.TransformerSchemas;
import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-response-transformer}: an LLM rewrites the response body before the client gets it,
 * with Kong's fields. It runs in the response phase, so the gateway buffers the responses of the
 * routes it applies to (a stream reaches the client whole, once transformed).
 */
public final class AiResponseTransformerPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-response-transformer";
    static final int PRIORITY = 769;
    static final long DEFAULT_MAX_BODY = 64 * 1024;

    static final ConfigSchema SCHEMA = TransformerSchemas.common(
                    "The instruction for the LLM (its system message): how to rewrite the upstream's response body, "
                            + "which it gets as the user message, and what to answer with.",
                    "the body the client gets")
            .field(Field.bool("parse_llm_response_json_instructions").defaultValue(Boolean.FALSE)
                    .description("Read the LLM's answer as {\"status\": 200, \"headers\": {…}, \"body\": \"…\"} and "
                            + "answer the client with that status, those headers over the upstream's, and that body "
                            + "(a string as it is, other JSON as JSON). The prompt must ask for this format."))
            .field(Field.integer("max_response_body_size").min(0).max(Integer.MAX_VALUE).defaultValue(DEFAULT_MAX_BODY)
                    .description("The largest response body, in bytes (after gzip is undone), sent to the LLM; a "
                            + "larger one gets the client a 502 rather than the untransformed body. 0: no limit "
                            + "but the gateway's buffer (64 MiB)."))
            .build();

    public AiResponseTransformerPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.RESPONSE), SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiResponseTransformerPlugin(AiResponseTransformerConfig.from(config, System::getenv));
    }
}
