package dev.tollgate.plugins.aiprompttemplate;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-prompt-template}: Kong's plugin of that name. Operators define prompts with
 * {@code {{variable}}} blanks; clients send {@code {"messages":"{template://NAME}","properties":
 * {...}}} and the rendered template replaces their body before any other AI plugin sees it.
 */
public final class AiPromptTemplatePluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-prompt-template";
    // Kong's number: the first of the AI plugins, so the decorator, the guard and ai-proxy see the rendered prompt.
    static final int PRIORITY = 773;

    private static final ConfigSchema TEMPLATE = ConfigSchema.builder()
            .field(Field.string("name").required()
                    .description("The template's name; clients reference it as {template://NAME}."))
            .field(Field.string("template").required()
                    .description("The request to send: a JSON object (an OpenAI chat request such as "
                            + "{\"messages\":[{\"role\":\"user\",\"content\":\"Explain {{thing}}\"}]}) whose string "
                            + "values may hold {{variable}} placeholders, or a plain prompt text, sent as one user "
                            + "message. Values from the request's properties are inserted as string content only."))
            .build();

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
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

    public AiPromptTemplatePluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiPromptTemplatePlugin(AiPromptTemplateConfig.from(config));
    }
}
