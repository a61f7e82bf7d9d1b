package dev.tollgate.plugins.aiprompttemplate;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A validated {@code ai-prompt-template} configuration: every template compiled.
 *
 * @param templates                by name, in the configured order
 * @param allowUntemplatedRequests let requests that reference no template through unchanged
 * @param maxRequestBodySize       the largest body, in bytes, the plugin reads
 */
record AiPromptTemplateConfig(Map<String, PromptTemplate> templates, boolean allowUntemplatedRequests,
                              long maxRequestBodySize) {

    AiPromptTemplateConfig {
        templates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(templates, "templates")));
        if (maxRequestBodySize < 1) {
            throw new IllegalArgumentException("max_request_body_size: " + maxRequestBodySize + " (expected: >= 1)");
        }
    }

    static AiPromptTemplateConfig from(PluginConfig config) {
        Map<String, PromptTemplate> templates = new LinkedHashMap<>();
        List<PluginConfig> records = config.records("templates");
        for (int i = 0; i < records.size(); i++) {
            String where = "config.templates[" + i + "]";
            String name = records.get(i).string("name").orElse("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException(where + ".name: empty (expected: a name to reference as {template://NAME})");
            }
            if (templates.containsKey(name)) {
                throw new IllegalArgumentException(where + ".name: '" + name + "' is used twice (expected: unique names)");
            }
            try {
                templates.put(name, PromptTemplate.compile(name, records.get(i).string("template").orElse("")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".template: " + e.getMessage(), e);
            }
        }
        return new AiPromptTemplateConfig(templates, config.bool("allow_untemplated_requests"),
                config.integer("max_request_body_size").orElse(8192L));
    }

    private static final ConfigSchema TEMPLATE = ConfigSchema.builder()
            .field(Field.string("name").required()
                    .description("The template's name; clients reference it as {template://NAME}."))
            .field(Field.string("template").required()
                    .description("The request to send: a JSON object (an OpenAI chat request such as "
                            + "{\"messages\":[{\"role\":\"user\",\"content\":\"Explain {{thing}}\"}]}) whose string "
                            + "values may hold {{variable}} placeholders, or a plain prompt text, sent as one user "
                            + "message. Values from the request's properties are inserted as string content only."))
            .build();

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.records("templates", TEMPLATE).required()
                    .description("The templates clients may call."))
            .field(Field.bool("allow_untemplated_requests").defaultValue(Boolean.TRUE)
                    .description("Let requests that reference no template through unchanged; false refuses them "
                            + "with 400."))
            .field(Field.bool("log_original_request").defaultValue(Boolean.FALSE)
                    .description("Reserved for Kong compatibility: the client's original request is never logged."))
            .field(Field.integer("max_request_body_size").min(1).max(Integer.MAX_VALUE).defaultValue(8192L)
                    .description("The largest request body, in bytes, the plugin reads; a larger one is refused "
                            + "with 413."))
            .parsedBy(AiPromptTemplateConfig::from)
            .build();
}
