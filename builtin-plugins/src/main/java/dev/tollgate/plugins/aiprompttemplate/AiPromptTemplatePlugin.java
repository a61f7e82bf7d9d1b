package dev.tollgate.plugins.aiprompttemplate;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.aiprompt.PromptRequests;
import dev.tollgate.commons.llm.FieldError;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Replaces a request that references a template with the rendered template. The new body is set
 * on the upstream request; the gateway's chat view follows it, so the plugins after this one
 * (decorator, guard, ai-proxy) work on the rendered messages.
 */
final class AiPromptTemplatePlugin implements Plugin {
    // Kong's wording.
    static final String BOTH = "cannot run 'messages' and 'prompt' templates at the same time";
    static final String NEITHER = "only 'llm/v1/chat' and 'llm/v1/completions' formats are supported for templating";
    static final String UNTEMPLATED = "this LLM route only supports templated requests";
    static final String NOT_FOUND = "could not find template name [%s]";
    static final String PROPERTIES_NOT_OBJECT = "properties must be an object";
    static final String CODE = "prompt_template";

    private static final String REFERENCE_START = "{template://";
    /**
     * Client fields kept when the template does not set them: how to answer (streamed or not) and
     * which model, never anything that adds to the prompt.
     */
    private static final List<String> KEPT_FROM_CLIENT = List.of("model", "stream", "stream_options");

    private final AiPromptTemplateConfig config;

    AiPromptTemplatePlugin(AiPromptTemplateConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public void access(PluginContext ctx) {
        byte[] body = PromptRequests.bodyWithin(ctx, config.maxRequestBodySize(), AiPromptTemplatePluginFactory.NAME);
        if (body == null || body.length == 0) {
            return; // refused, or no prompt to template (GET …/models)
        }
        ObjectNode request;
        try {
            request = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            PromptRequests.refuse(ctx, 400, PromptRequests.NOT_JSON, CODE);
            return;
        }
        JsonNode messages = request.get("messages");
        JsonNode prompt = request.get("prompt");
        if (messages != null && prompt != null) {
            PromptRequests.refuse(ctx, 400, BOTH, CODE);
            return;
        }
        if (messages == null && prompt == null) {
            PromptRequests.refuse(ctx, 400, NEITHER, CODE);
            return;
        }
        Optional<String> name = templateName(messages != null ? messages : prompt);
        if (name.isEmpty()) {
            if (!config.allowUntemplatedRequests()) {
                PromptRequests.refuse(ctx, 400, UNTEMPLATED, CODE);
            }
            return;
        }
        PromptTemplate template = config.templates().get(name.get());
        if (template == null) {
            PromptRequests.refuse(ctx, 400, String.format(NOT_FOUND, name.get()), CODE);
            return;
        }
        ObjectNode rendered;
        try {
            rendered = template.render(properties(request.get("properties")));
        } catch (IllegalArgumentException | PromptTemplate.MissingVariables e) {
            PromptRequests.refuse(ctx, 400, e.getMessage(), CODE);
            return;
        }
        for (String field : KEPT_FROM_CLIENT) {
            if (!rendered.has(field) && request.hasNonNull(field)) {
                rendered.set(field, request.get(field));
            }
        }
        ctx.upstreamRequest().setBody(Json.bytes(rendered));
        ctx.upstreamRequest().setHeader("Content-Type", "application/json");
    }

    /** The name in {@code "{template://NAME}"}; empty when the value is not such a reference. */
    static Optional<String> templateName(JsonNode reference) {
        if (reference == null || !reference.isTextual()) {
            return Optional.empty();
        }
        String s = reference.asText();
        if (s.length() <= REFERENCE_START.length() + 1 || !s.startsWith(REFERENCE_START) || !s.endsWith("}")) {
            return Optional.empty();
        }
        return Optional.of(s.substring(REFERENCE_START.length(), s.length() - 1));
    }

    /** The values to fill in: strings as they are, numbers and booleans as their JSON text. */
    private static Map<String, String> properties(JsonNode properties) {
        if (properties == null || properties.isNull()) {
            return Map.of();
        }
        if (!properties.isObject()) {
            throw new IllegalArgumentException(PROPERTIES_NOT_OBJECT);
        }
        Map<String, String> values = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                throw new IllegalArgumentException(FieldError.message("properties." + e.getKey(), v,
                        "a string, number or boolean"));
            }
            values.put(e.getKey(), v.asText());
        }
        return values;
    }

    @Override
    public String toString() {
        return AiPromptTemplatePluginFactory.NAME + "{templates=" + config.templates().keySet()
                + ", allow_untemplated_requests=" + config.allowUntemplatedRequests() + "}";
    }
}
