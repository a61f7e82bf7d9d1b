package dev.tollgate.plugins.airesponsetransformer;

import java.util.function.Function;

import dev.tollgate.commons.llm.transform.LlmTransformation;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.commons.llm.transform.TransformerSchemas;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A validated {@code ai-response-transformer} configuration.
 *
 * @param jsonInstructions {@code parse_llm_response_json_instructions}
 * @param maxBodySize      the largest body sent to the LLM, in bytes; 0: no limit of the plugin's own
 */
record AiResponseTransformerConfig(LlmTransformation transformation, boolean jsonInstructions, long maxBodySize) {
    static final long DEFAULT_MAX_BODY = 64 * 1024;


    AiResponseTransformerConfig {
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("max_response_body_size: " + maxBodySize + " (expected: >= 0)");
        }
    }

    static AiResponseTransformerConfig from(PluginConfig config, Function<String, String> env) {
        return new AiResponseTransformerConfig(LlmTransformation.from(config, env),
                config.bool("parse_llm_response_json_instructions"),
                config.integer("max_response_body_size").orElse(DEFAULT_MAX_BODY));
    }

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
}
