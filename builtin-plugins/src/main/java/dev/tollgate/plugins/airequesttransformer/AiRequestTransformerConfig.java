package dev.tollgate.plugins.airequesttransformer;

import java.util.function.Function;

import dev.tollgate.commons.llm.transform.LlmTransformation;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code ai-request-transformer} configuration.
 *
 * @param maxBodySize the largest body sent to the LLM, in bytes; 0: no limit of the plugin's own
 */
record AiRequestTransformerConfig(LlmTransformation transformation, long maxBodySize) {

    AiRequestTransformerConfig {
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("max_request_body_size: " + maxBodySize + " (expected: >= 0)");
        }
    }

    static AiRequestTransformerConfig from(PluginConfig config, Function<String, String> env) {
        return new AiRequestTransformerConfig(LlmTransformation.from(config, env),
                config.integer("max_request_body_size").orElse(AiRequestTransformerPluginFactory.DEFAULT_MAX_BODY));
    }
}
