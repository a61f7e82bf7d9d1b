package dev.tollgate.commons.llm.transform;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.tollgate.commons.llm.call.ModelSchemas;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * The configuration fields both AI transformers have, with Kong's names: {@code prompt},
 * {@code transformation_extract_pattern}, {@code http_timeout} and the {@code llm} block
 * ({@code route_type}, {@code model}, {@code auth}, {@code logging}, as ai-proxy's).
 */
public final class TransformerSchemas {
    static final String ROUTE_TYPE = "llm/v1/chat";
    /** Kong's flags for the pattern ({@code ijom}): case-insensitive, multi-line. */
    static final int PATTERN_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;

    static final String PROVIDER_MISSING = "config.llm.model.provider: required field missing";
    static final String NAME_MISSING = "config.llm.model.name: required field missing (a transformer has no client "
            + "request to take the model from)";

    private static final ConfigSchema LOGGING = ConfigSchema.builder()
            .field(Field.bool("log_statistics").defaultValue(Boolean.TRUE)
                    .description("Log each transformation's model, tokens and latency with the plugin's logger."))
            .field(Field.bool("log_payloads").defaultValue(Boolean.FALSE)
                    .description("Also log the text sent to the LLM and its answer (they may hold personal data)."))
            .build();

    private static final ConfigSchema LLM = ConfigSchema.builder()
            .field(Field.string("route_type").oneOf(ROUTE_TYPE).defaultValue(ROUTE_TYPE)
                    .description("The call made to the LLM: llm/v1/chat, the only kind a transformer makes."))
            .field(Field.record("model", ModelSchemas.MODEL)
                    .description("The model that transforms: provider and name are required."))
            .field(Field.record("auth", ModelSchemas.AUTH).description("The provider credential."))
            .field(Field.record("logging", LOGGING).description("What is logged about each transformation."))
            .build();

    private TransformerSchemas() {
    }

    /**
     * A schema builder holding the shared fields; the plugin adds its own and builds.
     *
     * @param promptDescription what the prompt is asked to do, for this plugin
     * @param patternScope      what the extracted text becomes ("the body sent upstream", ...)
     */
    public static ConfigSchema.Builder common(String promptDescription, String patternScope) {
        return ConfigSchema.builder()
                .field(Field.string("prompt").required().check(v -> !((String) v).isBlank(), "a non-blank prompt")
                        .description(promptDescription))
                .field(Field.string("transformation_extract_pattern")
                        .check(v -> compiles((String) v), "a regular expression (Java syntax)")
                        .description("A regular expression the LLM's answer must match (case-insensitive, ^ and $ at "
                                + "line ends, as Kong's). Its first capture group — or, without groups, the whole "
                                + "match — becomes " + patternScope + "; an answer that does not match is an error."))
                .field(Field.integer("http_timeout").min(1).max(3_600_000).defaultValue(60_000L)
                        .description("Milliseconds to connect to the LLM, and to wait for each read of its answer."))
                .field(Field.record("llm", LLM).description("The LLM that transforms, configured as for ai-proxy."))
                .rule(TransformerSchemas::problem);
    }

    /** What the validated fields still lack: a provider and a model name, and what the provider needs. */
    static Optional<String> problem(PluginConfig config) {
        PluginConfig llm = config.record("llm");
        PluginConfig model = llm.record("model");
        if (model.string("provider").isEmpty()) {
            return Optional.of(PROVIDER_MISSING);
        }
        if (model.string("name").filter(n -> !n.isBlank()).isEmpty()) {
            return Optional.of(NAME_MISSING);
        }
        return ModelSchemas.problem(model, llm.record("auth"), "llm.model", "llm.auth");
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex, PATTERN_FLAGS);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
