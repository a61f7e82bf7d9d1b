package dev.tollgate.plugins.aipromptdecorator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.commons.aiprompt.ConfigErrors;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;

class AiPromptDecoratorConfigTest {
    private final AiPromptDecoratorPluginFactory factory = new AiPromptDecoratorPluginFactory();

    private AiPromptDecoratorConfig config(Map<String, ?> input) {
        return AiPromptDecoratorConfig.from(factory.configSchema().validate(input));
    }

    private Map<String, String> errors(Map<String, ?> input) {
        return ConfigErrors.of(factory, input);
    }

    private static Map<String, Object> prompts(String list, List<?> messages) {
        return Map.of("prompts", Map.of(list, messages));
    }

    @Test
    void factoryIsKongsAiPromptDecorator() {
        assertThat(factory.name()).isEqualTo("ai-prompt-decorator");
        assertThat(factory.priority()).isEqualTo(772);
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.ACCESS));
    }

    @Test
    void everyFieldIsDescribed() {
        ConfigSchema schema = factory.configSchema();
        assertThat(schema.fields()).extracting(Field::name).containsExactly("prompts", "max_request_body_size");
        ConfigSchema prompts = schema.field("prompts").flatMap(Field::record).orElseThrow();
        assertThat(prompts.fields()).extracting(Field::name).containsExactly("prepend", "append");
        ConfigSchema prompt = prompts.field("prepend").flatMap(Field::record).orElseThrow();
        assertThat(prompt.fields()).extracting(Field::name).containsExactly("role", "content");
        for (ConfigSchema s : List.of(schema, prompts, prompt)) {
            assertThat(s.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        }
    }

    @Test
    void defaultsAreKongs() {
        AiPromptDecoratorConfig c = config(prompts("prepend", List.of(Map.of("content", "Be brief."))));
        assertThat(c.prepend()).containsExactly(new AiPromptDecoratorConfig.Prompt("system", "Be brief."));
        assertThat(c.append()).isEmpty();
        assertThat(c.maxRequestBodySize()).isEqualTo(8192);
    }

    @Test
    void fullMapping() {
        AiPromptDecoratorConfig c = config(Map.of("max_request_body_size", 1000, "prompts", Map.of(
                "prepend", List.of(Map.of("role", "system", "content", "a"), Map.of("role", "user", "content", "b")),
                "append", List.of(Map.of("role", "assistant", "content", "c")))));
        assertThat(c.prepend()).extracting(AiPromptDecoratorConfig.Prompt::content).containsExactly("a", "b");
        assertThat(c.append()).containsExactly(new AiPromptDecoratorConfig.Prompt("assistant", "c"));
        assertThat(c.maxRequestBodySize()).isEqualTo(1000);
    }

    @Test
    void atLeastOneMessageIsRequired() {
        assertThat(errors(Map.of())).containsEntry("@entity", AiPromptDecoratorConfig.AT_LEAST_ONE);
        assertThat(errors(Map.of("prompts", Map.of("prepend", List.of(), "append", List.of()))))
                .containsEntry("@entity", AiPromptDecoratorConfig.AT_LEAST_ONE);
    }

    @Test
    void badMessagesAreRefusedNamingTheField() {
        assertThat(errors(prompts("prepend", List.of(Map.of("role", "tool", "content", "x")))))
                .containsKey("prompts.prepend[0].role");
        assertThat(errors(prompts("append", List.of(Map.of("content", ""))))).containsKey("prompts.append[0].content");
        assertThat(errors(prompts("append", List.of(Map.of("role", "user"))))).containsKey("prompts.append[0].content");
        assertThat(errors(prompts("append", List.of(Map.of("content", 42))))).containsKey("prompts.append[0].content");
        assertThat(errors(prompts("append", List.of("just a string")))).containsKey("prompts.append[0]");
        assertThat(errors(Map.of("prompts", "x"))).containsKey("prompts");
        assertThat(errors(Map.of("prompts", Map.of("prepend", List.of(Map.of("content", "x"))), "extra", 1)))
                .containsEntry("extra", "unknown field");
    }

    @Test
    void atMostFifteenMessagesEachOfAtMost64KiCharacters() {
        List<Map<String, String>> fifteen = Collections.nCopies(15, Map.of("content", "x"));
        assertThat(config(prompts("append", fifteen)).append()).hasSize(15);
        List<Map<String, String>> sixteen = Collections.nCopies(16, Map.of("content", "x"));
        assertThat(errors(prompts("append", sixteen))).containsKey("prompts.append");
        assertThat(errors(prompts("prepend", sixteen))).containsKey("prompts.prepend");

        assertThat(config(prompts("prepend", List.of(Map.of("content", "y".repeat(65_536))))).prepend()).hasSize(1);
        assertThat(errors(prompts("prepend", List.of(Map.of("content", "y".repeat(65_537))))))
                .containsKey("prompts.prepend[0].content");
    }

    @Test
    void theBodyLimitIsPositive() {
        Map<String, Object> ok = prompts("prepend", List.of(Map.of("content", "x")));
        Map<String, Object> zero = new java.util.HashMap<>(ok);
        zero.put("max_request_body_size", 0);
        assertThat(errors(zero)).containsKey("max_request_body_size");
        zero.put("max_request_body_size", "lots");
        assertThat(errors(zero)).containsKey("max_request_body_size");
    }
}
