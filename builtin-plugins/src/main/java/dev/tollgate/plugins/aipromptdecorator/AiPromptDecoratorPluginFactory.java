package dev.tollgate.plugins.aipromptdecorator;

import java.util.List;
import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-prompt-decorator}: Kong's plugin of that name. Adds the operator's chat messages
 * before and after the client's conversation, through the shared chat view, so the guard and
 * ai-proxy that run after it see the decorated request.
 */
public final class AiPromptDecoratorPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-prompt-decorator";
    // Kong's number: after ai-prompt-template (773), before ai-prompt-guard (771) and ai-proxy (770).
    static final int PRIORITY = 772;

    private static final ConfigSchema PROMPT = ConfigSchema.builder()
            .field(Field.string("role").oneOf("system", "assistant", "user").defaultValue("system")
                    .description("The message's role: system, assistant or user."))
            .field(Field.string("content").required().check(v -> !((String) v).isEmpty(), "at least one character")
                    .description("The message's text (1 to 65,536 characters)."))
            .build();

    private static final ConfigSchema PROMPTS = ConfigSchema.builder()
            .field(Field.records("prepend", PROMPT).check(AiPromptDecoratorPluginFactory::fewEnough, atMost())
                    .description("Messages inserted before the client's first message, in this order (at most "
                            + AiPromptDecoratorConfig.MAX_PROMPTS + ")."))
            .field(Field.records("append", PROMPT).check(AiPromptDecoratorPluginFactory::fewEnough, atMost())
                    .description("Messages added after the client's last message, in this order (at most "
                            + AiPromptDecoratorConfig.MAX_PROMPTS + ")."))
            .build();

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.record("prompts", PROMPTS).description("The chat messages to add to every request."))
            .field(Field.integer("max_request_body_size").min(1).max(Integer.MAX_VALUE).defaultValue(8192L)
                    .description("The largest request body, in bytes, the plugin reads; a larger one is refused "
                            + "with 413."))
            .parsedBy(AiPromptDecoratorConfig::from)
            .build();

    public AiPromptDecoratorPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiPromptDecoratorPlugin(AiPromptDecoratorConfig.from(config));
    }

    private static boolean fewEnough(Object prompts) {
        return ((List<?>) prompts).size() <= AiPromptDecoratorConfig.MAX_PROMPTS;
    }

    private static String atMost() {
        return "at most " + AiPromptDecoratorConfig.MAX_PROMPTS + " messages";
    }
}
