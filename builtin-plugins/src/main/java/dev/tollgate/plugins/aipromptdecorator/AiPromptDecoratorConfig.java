package dev.tollgate.plugins.aipromptdecorator;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A validated {@code ai-prompt-decorator} configuration.
 *
 * @param prepend            messages inserted before the conversation, in order
 * @param append             messages added after it, in order
 * @param maxRequestBodySize the largest body, in bytes, the plugin reads
 */
record AiPromptDecoratorConfig(List<Prompt> prepend, List<Prompt> append, long maxRequestBodySize) {
    static final int MAX_PROMPTS = 15;
    static final String AT_LEAST_ONE =
            "at least one of these fields must be non-empty: 'config.prompts.prepend', 'config.prompts.append'";
    private static final Set<String> ROLES = Set.of("system", "assistant", "user");

    /** One message to add. */
    record Prompt(String role, String content) {
        Prompt {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("role: '" + role + "' (expected: system, assistant or user)");
            }
            if (content == null || content.isEmpty()) {
                throw new IllegalArgumentException("content: empty (expected: at least one character)");
            }
        }
    }

    AiPromptDecoratorConfig {
        prepend = List.copyOf(requireNonNull(prepend, "prepend"));
        append = List.copyOf(requireNonNull(append, "append"));
        if (prepend.isEmpty() && append.isEmpty()) {
            throw new IllegalArgumentException(AT_LEAST_ONE);
        }
        if (prepend.size() > MAX_PROMPTS || append.size() > MAX_PROMPTS) {
            throw new IllegalArgumentException("prompts: " + prepend.size() + " prepended and " + append.size()
                    + " appended (expected: at most " + MAX_PROMPTS + " each)");
        }
        if (maxRequestBodySize < 1) {
            throw new IllegalArgumentException("max_request_body_size: " + maxRequestBodySize + " (expected: >= 1)");
        }
    }

    static AiPromptDecoratorConfig from(PluginConfig config) {
        PluginConfig prompts = config.record("prompts");
        return new AiPromptDecoratorConfig(prompts(prompts, "prepend"), prompts(prompts, "append"),
                config.integer("max_request_body_size").orElse(8192L));
    }

    private static List<Prompt> prompts(PluginConfig prompts, String field) {
        return prompts.records(field).stream()
                .map(p -> new Prompt(p.string("role").orElse("system"), p.string("content").orElse(""))).toList();
    }

    private static final ConfigSchema PROMPT = ConfigSchema.builder()
            .field(Field.string("role").oneOf("system", "assistant", "user").defaultValue("system")
                    .description("The message's role: system, assistant or user."))
            .field(Field.string("content").required().check(v -> !((String) v).isEmpty(), "at least one character")
                    .description("The message's text (1 to 65,536 characters)."))
            .build();

    private static final ConfigSchema PROMPTS = ConfigSchema.builder()
            .field(Field.records("prepend", PROMPT).check(AiPromptDecoratorConfig::fewEnough, atMost())
                    .description("Messages inserted before the client's first message, in this order (at most "
                            + AiPromptDecoratorConfig.MAX_PROMPTS + ")."))
            .field(Field.records("append", PROMPT).check(AiPromptDecoratorConfig::fewEnough, atMost())
                    .description("Messages added after the client's last message, in this order (at most "
                            + AiPromptDecoratorConfig.MAX_PROMPTS + ")."))
            .build();

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.record("prompts", PROMPTS).description("The chat messages to add to every request."))
            .field(Field.integer("max_request_body_size").min(1).max(Integer.MAX_VALUE).defaultValue(8192L)
                    .description("The largest request body, in bytes, the plugin reads; a larger one is refused "
                            + "with 413."))
            .parsedBy(AiPromptDecoratorConfig::from)
            .build();

    private static boolean fewEnough(Object prompts) {
        return ((List<?>) prompts).size() <= AiPromptDecoratorConfig.MAX_PROMPTS;
    }

    private static String atMost() {
        return "at most " + AiPromptDecoratorConfig.MAX_PROMPTS + " messages";
    }
}
