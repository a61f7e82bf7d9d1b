package dev.tollgate.plugins.airequesttransformer;

import java.util.function.Function;

import dev.tollgate.commons.llm.transform.LlmTransformation;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.commons.llm.transform.TransformerSchemas;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A validated {@code ai-request-transformer} configuration.
 *
 * @param maxBodySize the largest body sent to the LLM, in bytes; 0: no limit of the plugin's own
 */
record AiRequestTransformerConfig(LlmTransformation transformation, long maxBodySize) {
    /** Kong's default: 8 KiB. */
    static final long DEFAULT_MAX_BODY = 8192;


    AiRequestTransformerConfig {
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("max_request_body_size: " + maxBodySize + " (expected: >= 0)");
        }
    }

    static AiRequestTransformerConfig from(PluginConfig config, Function<String, String> env) {
        return new AiRequestTransformerConfig(LlmTransformation.from(config, env),
                config.integer("max_request_body_size").orElse(DEFAULT_MAX_BODY));
    }

    static final ConfigSchema SCHEMA = TransformerSchemas.common(
                    "The instruction for the LLM (its system message): how to rewrite the request body, which it "
                            + "gets as the user message, and what to answer with — only the new body.",
                    "the body sent upstream")
            .field(Field.integer("max_request_body_size").min(0).max(Integer.MAX_VALUE).defaultValue(DEFAULT_MAX_BODY)
                    .description("The largest request body, in bytes, sent to the LLM; a larger one is refused with "
                            + "413. 0: no limit but the gateway's own."))
            .build();
}
