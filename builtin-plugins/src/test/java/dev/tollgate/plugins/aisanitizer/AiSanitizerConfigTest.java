package dev.tollgate.plugins.aisanitizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.SchemaViolationException;
import org.junit.jupiter.api.Test;

class AiSanitizerConfigTest {
    private final AiSanitizerPluginFactory factory = new AiSanitizerPluginFactory();

    private AiSanitizerConfig config(Map<String, ?> input) {
        return AiSanitizerConfig.from(factory.configSchema().validate(input));
    }

    private Map<String, String> errors(Map<String, ?> input) {
        try {
            factory.configSchema().validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    @Test
    void runsBeforeThePromptPluginsAndAiProxyAndFiltersAnswers() {
        assertThat(factory.name()).isEqualTo("ai-sanitizer");
        assertThat(factory.priority()).isEqualTo(775).isGreaterThan(773);
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.ACCESS, Phase.HEADER_FILTER, Phase.BODY_FILTER));
        assertThat(factory.configSchema().fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        assertThat(factory.configSchema().fields()).extracting(Field::name).containsExactly("anonymize",
                "custom_patterns", "mode", "scan_roles", "recover_redacted", "scan_response", "block_if_detected");
    }

    @Test
    void defaultsFindEverythingInUserMessagesAndRestoreThroughPlaceholders() {
        AiSanitizerConfig c = config(Map.of());
        assertThat(c.anonymize()).containsExactly("all_and_credentials");
        assertThat(Detectors.expand(c.anonymize())).containsExactlyInAnyOrder("email", "phone", "ssn", "credit_card",
                "iban", "ip", "secret");
        assertThat(c.mode()).isEqualTo(Mode.PLACEHOLDER);
        assertThat(c.scanRoles()).containsExactly("user");
        assertThat(c.recoverRedacted()).isTrue();
        assertThat(c.scanResponse()).isFalse();
        assertThat(c.blockIfDetected()).isFalse();
        assertThat(c.customPatterns()).isEmpty();
        assertThat(c.filtersAnswers()).isTrue();
    }

    @Test
    void everyFieldMaps() {
        AiSanitizerConfig c = config(Map.of("anonymize", List.of("creditcard", "bank", "credentials"),
                "custom_patterns", List.of(Map.of("name", "employee_id", "regex", "EMP-\\d{5}", "replacement", "[staff]")),
                "mode", "mask", "scan_roles", List.of("user", "system"), "recover_redacted", false,
                "scan_response", true, "block_if_detected", true));
        assertThat(Detectors.expand(c.anonymize())).containsExactly("credit_card", "iban", "secret");
        assertThat(c.customPatterns()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("employee_id");
            assertThat(p.regex().pattern()).isEqualTo("EMP-\\d{5}");
            assertThat(p.replacement()).contains("[staff]");
        });
        assertThat(c.mode()).isEqualTo(Mode.MASK);
        assertThat(c.scanRoles()).containsExactlyInAnyOrder("user", "system");
        assertThat(c.recoverRedacted()).isFalse();
        assertThat(c.scanResponse()).isTrue();
        assertThat(c.blockIfDetected()).isTrue();
        // custom patterns run first, then the selected built-ins in precedence order
        assertThat(c.scanner().detectors()).extracting(Detector::label)
                .containsExactly("EMPLOYEE_ID", "SECRET", "IBAN", "CREDIT_CARD");
    }

    @Test
    void aBadRegexIsRefusedNamingItAndWhy() {
        Map<String, String> errors = errors(Map.of("custom_patterns",
                List.of(Map.of("name", "ok", "regex", "\\d+"), Map.of("name", "broken", "regex", "([a-z]+"))));
        assertThat(errors.get("@entity")).contains("config.custom_patterns[1].regex", "'([a-z]+'",
                "is not a valid regular expression", "Unclosed group");
    }

    @Test
    void anUnknownDetectorIsRefusedListingTheKnownOnes() {
        assertThat(errors(Map.of("anonymize", List.of("email", "emails"))).get("anonymize"))
                .contains("expected one of:", "email", "credit_card", "all_and_credentials", "(got 'emails')");
        // a Kong detector Tollgate does not have is refused the same way, not silently ignored
        assertThat(errors(Map.of("anonymize", List.of("passport")))).containsKey("anonymize");
    }

    @Test
    void customPatternsNeedAGoodUniqueNameOfTheirOwn() {
        assertThat(errors(Map.of("custom_patterns", List.of(Map.of("name", "Bad Name", "regex", "x")))))
                .containsKey("custom_patterns[0].name");
        assertThat(errors(Map.of("custom_patterns", List.of(Map.of("regex", "x")))))
                .containsEntry("custom_patterns[0].name", "required field missing");
        assertThat(errors(Map.of("custom_patterns", List.of(Map.of("name", "email", "regex", "x")))).get("@entity"))
                .contains("custom_patterns[0].name: 'email' is a built-in detector's name");
        assertThat(errors(Map.of("custom_patterns", List.of(Map.of("name", "a", "regex", "x"),
                Map.of("name", "a", "regex", "y")))).get("@entity")).contains("custom_patterns[1].name: 'a' is used twice");
        assertThat(errors(Map.of("custom_patterns", List.of(Map.of("name", "a", "regex", "x", "score", 0.5)))))
                .containsEntry("custom_patterns[0].score", "unknown field");
    }

    @Test
    void aConfigurationThatFindsNothingIsRefused() {
        assertThat(errors(Map.of("anonymize", List.of("custom"))).get("@entity")).isEqualTo(AiSanitizerConfig.NOTHING_SELECTED);
        assertThat(errors(Map.of("anonymize", List.of())).get("@entity")).isEqualTo(AiSanitizerConfig.NOTHING_SELECTED);
        // Kong's "custom" with patterns: only the patterns run
        AiSanitizerConfig c = config(Map.of("anonymize", List.of("custom"),
                "custom_patterns", List.of(Map.of("name", "ticket", "regex", "T-\\d+"))));
        assertThat(c.scanner().detectors()).extracting(Detector::label).containsExactly("TICKET");
    }

    @Test
    void wrongTypesAndValuesNameTheField() {
        assertThat(errors(Map.of("mode", "synthetic"))).containsKey("mode"); // Kong's synthetic mode is not offered
        assertThat(errors(Map.of("mode", 5))).containsEntry("mode", "expected a string, got a number");
        assertThat(errors(Map.of("scan_roles", List.of("admin")))).containsKey("scan_roles");
        assertThat(errors(Map.of("block_if_detected", "yes"))).containsKey("block_if_detected");
        assertThat(errors(Map.of("custom_patterns", "x"))).containsKey("custom_patterns");
        assertThat(errors(Map.of("block_on_detect", true))).containsEntry("block_on_detect", "unknown field");
    }

    @Test
    void tooManyCustomPatternsAreRefused() {
        List<Map<String, String>> many = java.util.stream.IntStream.range(0, 65)
                .mapToObj(i -> Map.of("name", "p" + i, "regex", "x" + i)).toList();
        assertThat(errors(Map.of("custom_patterns", many)).get("@entity")).contains("65 patterns (expected: <= 64)");
    }

    @Test
    void directConstructionRefusesTheSameThings() {
        assertThatThrownBy(() -> new AiSanitizerConfig(List.of(), List.of(), Mode.REDACT, Set.of("user"), false, true, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(AiSanitizerConfig.NOTHING_SELECTED);
    }
}
