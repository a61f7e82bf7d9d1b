package dev.tollgate.plugins.aipromptguard;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A validated {@code ai-prompt-guard} configuration, its patterns compiled.
 *
 * @param allowPatterns   as configured
 * @param denyPatterns    as configured
 * @param latestOnly      Kong's {@code allow_all_conversation_history}: check only the latest user message
 * @param matchAllRoles   check the messages of every role, not only the user's
 * @param maxRequestBodySize the largest body, in bytes, the plugin reads
 * @param maxMessageLength   the longest message, in characters, the plugin checks
 * @param maxRegexSteps      the character reads all patterns together may make on one request
 * @param patterns        both lists, compiled
 */
record AiPromptGuardConfig(List<String> allowPatterns, List<String> denyPatterns, boolean latestOnly,
                           boolean matchAllRoles, long maxRequestBodySize, long maxMessageLength, long maxRegexSteps,
                           GuardPatterns patterns) {
    static final int MAX_PATTERNS = 10;
    static final int MAX_PATTERN_LENGTH = 500;
    static final long DEFAULT_BODY_SIZE = 8192;
    static final long DEFAULT_MESSAGE_LENGTH = 65_536;
    static final long DEFAULT_REGEX_STEPS = 1_000_000;
    static final String AT_LEAST_ONE =
            "at least one of these fields must be non-empty: 'config.allow_patterns', 'config.deny_patterns'";
    static final String ROLES_NEED_HISTORY = "'config.allow_all_conversation_history' must be false when "
            + "'config.match_all_roles' is true";

    AiPromptGuardConfig {
        allowPatterns = List.copyOf(requireNonNull(allowPatterns, "allowPatterns"));
        denyPatterns = List.copyOf(requireNonNull(denyPatterns, "denyPatterns"));
        if (allowPatterns.isEmpty() && denyPatterns.isEmpty()) {
            throw new IllegalArgumentException(AT_LEAST_ONE);
        }
        // Kong's rule: the latest message alone tells nothing of the other roles' messages.
        if (matchAllRoles && latestOnly) {
            throw new IllegalArgumentException(ROLES_NEED_HISTORY);
        }
        check("allow_patterns", allowPatterns);
        check("deny_patterns", denyPatterns);
        atLeast("max_request_body_size", maxRequestBodySize, 1);
        atLeast("max_message_length", maxMessageLength, 1);
        atLeast("max_regex_steps", maxRegexSteps, 1000);
        patterns = requireNonNull(patterns, "patterns");
    }

    static AiPromptGuardConfig from(PluginConfig config) {
        List<String> allow = config.strings("allow_patterns");
        List<String> deny = config.strings("deny_patterns");
        // Sizes first, so a thousand patterns are refused before any is compiled.
        check("allow_patterns", allow);
        check("deny_patterns", deny);
        return new AiPromptGuardConfig(allow, deny, config.bool("allow_all_conversation_history"),
                config.bool("match_all_roles"),
                config.integer("max_request_body_size").orElse(DEFAULT_BODY_SIZE),
                config.integer("max_message_length").orElse(DEFAULT_MESSAGE_LENGTH),
                config.integer("max_regex_steps").orElse(DEFAULT_REGEX_STEPS),
                GuardPatterns.compile(allow, deny));
    }

    private static void check(String field, List<String> patterns) {
        if (patterns.size() > MAX_PATTERNS) {
            throw new IllegalArgumentException("config." + field + ": " + patterns.size() + " patterns (expected: at most "
                    + MAX_PATTERNS + ")");
        }
        for (int i = 0; i < patterns.size(); i++) {
            int length = patterns.get(i).length();
            if (length < 1 || length > MAX_PATTERN_LENGTH) {
                throw new IllegalArgumentException("config." + field + "[" + i + "]: " + length
                        + " characters (expected: 1 to " + MAX_PATTERN_LENGTH + ")");
            }
        }
    }

    private static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("config." + field + ": " + value + " (expected: >= " + min + ")");
        }
    }

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
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
}
