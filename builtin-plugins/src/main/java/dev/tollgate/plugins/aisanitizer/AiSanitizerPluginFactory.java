package dev.tollgate.plugins.aisanitizer;

import java.util.List;
import java.util.Set;

import dev.tollgate.commons.support.BuiltinPluginFactory;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * {@code ai-sanitizer}: finds personal data and secrets in prompts and replaces them before the
 * LLM sees them, in-process (Kong's needs its separate PII service container). Kong's field names
 * where Kong has the concept: {@code anonymize}, {@code custom_patterns}, {@code recover_redacted},
 * {@code block_if_detected}.
 */
public final class AiSanitizerPluginFactory extends BuiltinPluginFactory {
    static final String NAME = "ai-sanitizer";
    /**
     * Above the ai-prompt-* plugins (771–773), as Kong's ai-sanitizer (776) is: it anonymizes what the
     * client wrote, before templates and decorators add the operator's text. 775 rather than Kong's
     * 776 is the slot agreed among Tollgate's AI plugins. ai-proxy (770) only sends the request once
     * every access phase has run, so it sends the anonymized prompt either way.
     */
    static final int PRIORITY = 775;

    private static final ConfigSchema PATTERN = ConfigSchema.builder()
            .field(Field.string("name").required().check(v -> ((String) v).matches(AiSanitizerConfig.NAME_SHAPE),
                            "lower-case letters, digits and '_', starting with a letter, at most 40")
                    .description("The pattern's name; its findings are labelled with it upper-cased ([EMPLOYEE_ID], "
                            + "<EMPLOYEE_ID_1>)."))
            .field(Field.string("regex").required()
                    .description("A Java regular expression; every match is sensitive. Checked when the "
                            + "configuration is written; a pattern that backtracks too long on a prompt fails that "
                            + "request (500) rather than letting it through unscanned."))
            .field(Field.string("replacement")
                    .description("What matches become in redact and mask mode, instead of [NAME]. Placeholder "
                            + "mode always uses <NAME_n>."))
            .build();

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.strings("anonymize").oneOf(Detectors.names().toArray(String[]::new))
                    .defaultValue(List.of("all_and_credentials"))
                    .description("What to find: email, phone, ssn, credit_card, iban, ip, secret (API keys, tokens, "
                            + "private keys). Kong's names work too: all (every kind but secret), "
                            + "all_and_credentials (every kind), creditcard, bank, credentials, custom (none built in: "
                            + "custom_patterns only). custom_patterns always apply."))
            .field(Field.records("custom_patterns", PATTERN)
                    .description("Patterns of your own, run before the built-in detectors and winning over them "
                            + "where they overlap."))
            .field(Field.string("mode").oneOf("placeholder", "redact", "mask").defaultValue("placeholder")
                    .description("What findings become: placeholder (<EMAIL_1>, the same one for the same value in "
                            + "the request; the values are put back into the answer when recover_redacted is on), "
                            + "redact ([EMAIL]) or mask (j***@example.com, **** **** **** 4242)."))
            .field(Field.strings("scan_roles").oneOf("user", "system", "assistant", "tool", "developer")
                    .defaultValue(List.of("user"))
                    .description("The roles whose messages are scanned, in the whole history. system includes "
                            + "Anthropic's top-level system prompt."))
            .field(Field.bool("recover_redacted").defaultValue(Boolean.TRUE)
                    .description("Placeholder mode: put the original values back where the answer repeats a "
                            + "placeholder, in JSON answers and streams alike."))
            .field(Field.bool("scan_response").defaultValue(Boolean.FALSE)
                    .description("Also find sensitive data in answers and redact it (mask it in mask mode); values "
                            + "the client sent and gets back through placeholders are left alone. Streams are held "
                            + "back by up to 128 characters for this."))
            .field(Field.bool("block_if_detected").defaultValue(Boolean.FALSE)
                    .description("Refuse a request that contains sensitive data (400, naming the kinds found, never "
                            + "the values) instead of anonymizing it."))
            .parsedBy(AiSanitizerConfig::from)
            .build();

    public AiSanitizerPluginFactory() {
        super(NAME, PRIORITY, Set.of(Phase.ACCESS, Phase.HEADER_FILTER, Phase.BODY_FILTER), SCHEMA);
    }

    @Override
    public Plugin create(PluginConfig config) {
        return new AiSanitizerPlugin(AiSanitizerConfig.from(config));
    }
}
