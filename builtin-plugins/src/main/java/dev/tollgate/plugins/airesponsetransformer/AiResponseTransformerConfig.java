package dev.tollgate.plugins.airesponsetransformer;

import java.util.function.Function;

import dev.tollgate.commons.llm.transform.LlmTransformation;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code ai-response-transformer} configuration.
 *
 * @param jsonInstructions {@code parse_llm_response_json_instructions}
 * @param maxBodySize      the largest body sent to the LLM, in bytes; 0: no limit of the plugin's own
 */
record AiResponseTransformerConfig(LlmTransformation transformation, boolean jsonInstructions, long maxBodySize) {

    AiResponseTransformerConfig {
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("max_response_body_size: " + maxBodySize + " (expected: >= 0)");
        }
    }

    static AiResponseTransformerConfig from(PluginConfig config, Function<String, String> env) {
        return new AiResponseTransformerConfig(LlmTransformation.from(config, env),
                config.bool("parse_llm_response_json_instructions"),
                config.integer("max_response_body_size").orElse(AiResponseTransformerPluginFactory.DEFAULT_MAX_BODY));
    }
}
