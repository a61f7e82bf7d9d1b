package dev.tollgate.plugins.aipromptguard;

import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
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

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.strings("allow_patterns")
                    .description("Regular expressions (java.util.regex) a prompt must match one of; empty: any "
                            + "prompt not denied passes. At most 10, each 1 to 500 characters."))
            .field(Field.strings("deny_patterns")
                    .description("Regular expressions (java.util.regex) that refuse a prompt they match, whatever "
                            + "the allow patterns say. At most 10, each 1 to 500 characters."))
            .field(Field.bool("allow_all_conversation_history").defaultValue(Boolean.FALSE)
                    .description("Kong's meaning: true lets the conversation history through unchecked and checks "
                            + "only the latest user message; false checks every user message."))
            .field(Field.bool("match_all_roles").defaultValue(Boolean.FALSE)
                    .description("Check the messages of every role (system, assistant, tool, and an Anthropic "
                            + "request's top-level system prompt), not only the user's. Needs "
                            + "allow_all_conversation_history false."))
            .field(Field.integer("max_request_body_size").min(1).max(Integer.MAX_VALUE)
                    .defaultValue(AiPromptGuardConfig.DEFAULT_BODY_SIZE)
                    .description("The largest request body, in bytes, the plugin reads; a larger one is refused "
                            + "with 413."))
            .field(Field.integer("max_message_length").min(1).max(Integer.MAX_VALUE)
                    .defaultValue(AiPromptGuardConfig.DEFAULT_MESSAGE_LENGTH)
                    .description("The longest message, in characters, the plugin checks; a request with a longer "
                            + "one is refused with 400 (never checked in part: the end of a message could hold "
                            + "what a deny pattern looks for)."))
            .field(Field.integer("max_regex_steps").min(1000).max(Integer.MAX_VALUE)
                    .defaultValue(AiPromptGuardConfig.DEFAULT_REGEX_STEPS)
                    .description("The character reads all patterns together may make on one request. A request "
                            + "whose check needs more is refused with 400 and the pattern is logged, so a pattern "
                            + "that backtracks ((a+)+$) cannot stall the gateway. Plain patterns read each "
                            + "character about once; a million reads take a few ms, up to ~40 ms for patterns "
                            + "that backtrack."))
            .parsedBy(AiPromptGuardConfig::from)
            .build();

    public AiPromptGuardPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS), SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiPromptGuardPlugin(AiPromptGuardConfig.from(config));
    }
}
