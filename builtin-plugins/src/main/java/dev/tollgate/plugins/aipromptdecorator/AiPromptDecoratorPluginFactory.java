package dev.tollgate.plugins.aipromptdecorator;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
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

    public AiPromptDecoratorPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), AiPromptDecoratorConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiPromptDecoratorPlugin(AiPromptDecoratorConfig.from(config));
    }
}
