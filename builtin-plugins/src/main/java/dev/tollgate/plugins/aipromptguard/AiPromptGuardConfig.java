package dev.tollgate.plugins.aipromptguard;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.tollgate.sdk.config.PluginConfig;

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
}
