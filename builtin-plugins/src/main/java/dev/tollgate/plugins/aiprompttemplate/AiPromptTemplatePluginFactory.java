package dev.tollgate.plugins.aiprompttemplate;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
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

    public AiPromptTemplatePluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), AiPromptTemplateConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiPromptTemplatePlugin(AiPromptTemplateConfig.from(config));
    }
}
