package dev.tollgate.plugins.aisanitizer;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

/**
 * A validated {@code ai-sanitizer} configuration. The constructor compiles the custom patterns
 * and refuses what the schema's fields cannot express, so the schema (which is {@code parsedBy} {@link #from})
 * and direct construction refuse the same things with the same words.
 *
 * @param anonymize        detector names and aliases as configured
 * @param customPatterns   the operator's patterns, in order
 * @param mode             what findings are replaced with
 * @param scanRoles        the roles whose messages are scanned
 * @param scanResponse     also find (and redact) sensitive data in answers
 * @param recoverRedacted  in placeholder mode, put the values back into the answer
 * @param blockIfDetected  refuse requests with sensitive data instead of anonymizing them
 */
record AiSanitizerConfig(List<String> anonymize, List<CustomPattern> customPatterns, Mode mode, Set<String> scanRoles,
                         boolean scanResponse, boolean recoverRedacted, boolean blockIfDetected) {

    static final int MAX_CUSTOM_PATTERNS = 64;
    static final String NAME_SHAPE = "[a-z][a-z0-9_]{0,39}";
    static final String NOTHING_SELECTED = "config.anonymize selects no detector and config.custom_patterns is empty: "
            + "the plugin would find nothing";

    /** An operator's pattern: its name (the label is the name upper-cased), its regex, and an optional replacement. */
    record CustomPattern(String name, Pattern regex, Optional<String> replacement) {
        CustomPattern {
            requireNonNull(name, "name");
            requireNonNull(regex, "regex");
            replacement = replacement == null ? Optional.empty() : replacement;
        }
    }

    AiSanitizerConfig {
        anonymize = List.copyOf(anonymize);
        customPatterns = List.copyOf(customPatterns);
        scanRoles = Set.copyOf(scanRoles);
        requireNonNull(mode, "mode");
        if (Detectors.expand(anonymize).isEmpty() && customPatterns.isEmpty()) {
            throw new IllegalArgumentException(NOTHING_SELECTED);
        }
        if (customPatterns.size() > MAX_CUSTOM_PATTERNS) {
            throw new IllegalArgumentException("config.custom_patterns: " + customPatterns.size()
                    + " patterns (expected: <= " + MAX_CUSTOM_PATTERNS + ")");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < customPatterns.size(); i++) {
            String name = customPatterns.get(i).name();
            if (Detectors.reserved(name)) {
                throw new IllegalArgumentException("config.custom_patterns[" + i + "].name: '" + name
                        + "' is a built-in detector's name (expected: a name of your own)");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("config.custom_patterns[" + i + "].name: '" + name
                        + "' is used twice (expected: a unique name)");
            }
        }
    }

    /** Maps a configuration the schema's fields have accepted; a bad regex is an {@link IllegalArgumentException} naming it. */
    static AiSanitizerConfig from(PluginConfig config) {
        List<CustomPattern> patterns = new ArrayList<>();
        List<PluginConfig> records = config.records("custom_patterns");
        for (int i = 0; i < records.size(); i++) {
            PluginConfig p = records.get(i);
            String regex = p.string("regex").orElse("");
            try {
                patterns.add(new CustomPattern(p.string("name").orElse(""), Pattern.compile(regex), p.string("replacement")));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("config.custom_patterns[" + i + "].regex: '" + regex
                        + "' is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            }
        }
        Set<String> roles = new HashSet<>(config.strings("scan_roles"));
        return new AiSanitizerConfig(config.strings("anonymize"), patterns,
                Mode.valueOf(config.string("mode").orElse("placeholder").toUpperCase(Locale.ROOT)), roles,
                config.bool("scan_response"), config.bool("recover_redacted"), config.bool("block_if_detected"));
    }

    /** The detectors this configuration runs, custom patterns first. */
    PiiScanner scanner() {
        List<Detector> custom = customPatterns.stream()
                .map(p -> (Detector) new CustomPatternDetector(p.name(), p.regex())).toList();
        return Detectors.scanner(anonymize, custom);
    }

    /** What findings become: custom patterns' replacements by label. */
    Anonymizer anonymizer() {
        Map<String, String> replacements = new LinkedHashMap<>();
        customPatterns.forEach(p -> p.replacement().ifPresent(r -> replacements.put(p.name().toUpperCase(Locale.ROOT), r)));
        return new Anonymizer(mode, replacements);
    }

    /** True when answers need the body filter: values to put back, or answers to scan. */
    boolean filtersAnswers() {
        return scanResponse || mode == Mode.PLACEHOLDER && recoverRedacted;
    }

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

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
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
}
