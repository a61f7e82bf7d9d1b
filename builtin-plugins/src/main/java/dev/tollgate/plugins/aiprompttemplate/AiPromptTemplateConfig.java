package dev.tollgate.plugins.aiprompttemplate;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.sdk.config.PluginConfig;

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

}
