package dev.tollgate.plugins.aipromptguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.commons.aiprompt.ConfigErrors;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.Field;
import org.junit.jupiter.api.Test;

class AiPromptGuardConfigTest {
    private final AiPromptGuardPluginFactory factory = new AiPromptGuardPluginFactory();

    private AiPromptGuardConfig config(Map<String, ?> input) {
        return AiPromptGuardConfig.from(factory.configSchema().validate(input));
    }

    private Map<String, String> errors(Map<String, ?> input) {
        return ConfigErrors.of(factory, input);
    }

    private static Map<String, Object> deny(Object patterns, Object... more) {
        Map<String, Object> m = new HashMap<>();
        m.put("deny_patterns", patterns);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void factoryIsKongsAiPromptGuard() {
        assertThat(factory.name()).isEqualTo("ai-prompt-guard");
        assertThat(factory.priority()).isEqualTo(771);
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.ACCESS));
    }

    @Test
    void everyFieldIsDescribed() {
        assertThat(factory.configSchema().fields()).extracting(Field::name).containsExactly("allow_patterns",
                "deny_patterns", "allow_all_conversation_history", "match_all_roles", "max_request_body_size",
                "max_message_length", "max_regex_steps");
        assertThat(factory.configSchema().fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void defaults() {
        AiPromptGuardConfig c = config(deny(List.of("hack")));
        assertThat(c.allowPatterns()).isEmpty();
        assertThat(c.denyPatterns()).containsExactly("hack");
        assertThat(c.latestOnly()).isFalse();
        assertThat(c.matchAllRoles()).isFalse();
        assertThat(c.maxRequestBodySize()).isEqualTo(8192);
        assertThat(c.maxMessageLength()).isEqualTo(65_536);
        assertThat(c.maxRegexSteps()).isEqualTo(1_000_000);
    }

    @Test
    void fullMapping() {
        AiPromptGuardConfig c = config(Map.of("allow_patterns", List.of("a", "b"), "deny_patterns", List.of("c"),
                "allow_all_conversation_history", true, "max_request_body_size", 100, "max_message_length", 50,
                "max_regex_steps", 5000));
        assertThat(c.allowPatterns()).containsExactly("a", "b");
        assertThat(c.latestOnly()).isTrue();
        assertThat(c.maxRequestBodySize()).isEqualTo(100);
        assertThat(c.maxMessageLength()).isEqualTo(50);
        assertThat(c.maxRegexSteps()).isEqualTo(5000);
        assertThat(c.patterns().size()).isEqualTo(3);
    }

    @Test
    void aBadPatternIsRefusedNamingItAndWhatIsWrong() {
        assertThat(errors(deny(List.of("fine", "(unclosed")))).containsEntry("@entity",
                "config.deny_patterns[1]: '(unclosed' is not a valid regular expression: Unclosed group near index 9");
        assertThat(errors(Map.of("allow_patterns", List.of("*x")))).containsEntry("@entity",
                "config.allow_patterns[0]: '*x' is not a valid regular expression: Dangling meta character '*' near index 0");
    }

    @Test
    void atMostTenPatternsOfOneTo500Characters() {
        assertThat(config(deny(Collections.nCopies(10, "x"))).denyPatterns()).hasSize(10);
        assertThat(errors(deny(Collections.nCopies(11, "x")))).containsEntry("@entity",
                "config.deny_patterns: 11 patterns (expected: at most 10)");
        assertThat(errors(Map.of("allow_patterns", List.of("y".repeat(501))))).containsEntry("@entity",
                "config.allow_patterns[0]: 501 characters (expected: 1 to 500)");
        assertThat(errors(deny(List.of("")))).containsEntry("@entity",
                "config.deny_patterns[0]: 0 characters (expected: 1 to 500)");
        assertThat(errors(deny(List.of(1, 2)))).containsKey("deny_patterns");
        assertThat(errors(deny(Map.of("a", "b")))).containsKey("deny_patterns");
    }

    @Test
    void kongsEntityChecks() {
        assertThat(errors(Map.of())).containsEntry("@entity", AiPromptGuardConfig.AT_LEAST_ONE);
        assertThat(errors(Map.of("allow_patterns", List.of(), "deny_patterns", List.of())))
                .containsEntry("@entity", AiPromptGuardConfig.AT_LEAST_ONE);
        assertThat(errors(deny(List.of("x"), "match_all_roles", true, "allow_all_conversation_history", true)))
                .containsEntry("@entity", AiPromptGuardConfig.ROLES_NEED_HISTORY);
        assertThat(config(deny(List.of("x"), "match_all_roles", true)).matchAllRoles()).isTrue();
    }

    @Test
    void boundsArePositive() {
        assertThat(errors(deny(List.of("x"), "max_request_body_size", 0))).containsKey("max_request_body_size");
        assertThat(errors(deny(List.of("x"), "max_message_length", -1))).containsKey("max_message_length");
        assertThat(errors(deny(List.of("x"), "max_regex_steps", 999))).containsKey("max_regex_steps");
        assertThat(errors(deny(List.of("x"), "match_all_roles", "yes"))).containsKey("match_all_roles");
    }
}
