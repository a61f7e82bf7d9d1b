package dev.tollgate.plugins.aipromptguard;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-prompt-guard}: Kong's plugin of that name. Allow and deny lists of regular
 * expressions over the prompt's messages, with Tollgate's bounds on the matching work so a
 * pattern that backtracks cannot stall the gateway.
 */
public final class AiPromptGuardPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-prompt-guard";
    // Kong's number: after the template (773) and the decorator (772), so it checks what will be sent.
    static final int PRIORITY = 771;

    public AiPromptGuardPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), AiPromptGuardConfig.SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiPromptGuardPlugin(AiPromptGuardConfig.from(config));
    }
}
