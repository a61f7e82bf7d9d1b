package dev.tollgate.plugins.aiprompttemplate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.commons.aiprompt.ConfigErrors;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import org.junit.jupiter.api.Test;

class AiPromptTemplateConfigTest {
    private static final String OK = "{\"messages\":[{\"role\":\"user\",\"content\":\"{{q}}\"}]}";
    private final AiPromptTemplatePluginFactory factory = new AiPromptTemplatePluginFactory();

    private AiPromptTemplateConfig config(Map<String, ?> input) {
        return AiPromptTemplateConfig.from(factory.configSchema().validate(input));
    }

    private Map<String, String> errors(Map<String, ?> input) {
        return ConfigErrors.of(factory, input);
    }

    @Test
    void factoryIsKongsAiPromptTemplate() {
        assertThat(factory.name()).isEqualTo("ai-prompt-template");
        assertThat(factory.priority()).isEqualTo(773);
        assertThat(factory.phases()).isEqualTo(Set.of(Phase.ACCESS));
    }

    @Test
    void everyFieldIsDescribed() {
        ConfigSchema schema = factory.configSchema();
        assertThat(schema.fields()).extracting(Field::name).containsExactly("templates", "allow_untemplated_requests",
                "log_original_request", "max_request_body_size");
        ConfigSchema template = schema.field("templates").flatMap(Field::record).orElseThrow();
        assertThat(template.fields()).extracting(Field::name).containsExactly("name", "template");
        assertThat(schema.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
        assertThat(template.fields()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void defaultsAreKongs() {
        AiPromptTemplateConfig c = config(Map.of("templates", List.of(Map.of("name", "a", "template", OK))));
        assertThat(c.allowUntemplatedRequests()).isTrue();
        assertThat(c.maxRequestBodySize()).isEqualTo(8192);
        assertThat(c.templates()).containsOnlyKeys("a");
        assertThat(c.templates().get("a").variables()).containsExactly("q");
        assertThat(factory.configSchema().validate(Map.of("templates", List.of())).asMap())
                .containsEntry("log_original_request", false);
    }

    @Test
    void templatesAreRequiredAndEachNeedsANameAndATemplate() {
        assertThat(errors(Map.of())).containsEntry("templates", "required field missing");
        assertThat(errors(Map.of("templates", List.of(Map.of("name", "a"))))).containsKey("templates[0].template");
        assertThat(errors(Map.of("templates", List.of(Map.of("template", OK))))).containsKey("templates[0].name");
        assertThat(errors(Map.of("templates", List.of(Map.of("name", "a", "template", 5))))).containsKey("templates[0].template");
    }

    @Test
    void namesAreUniqueAndNotEmpty() {
        assertThat(errors(Map.of("templates", List.of(Map.of("name", "a", "template", OK), Map.of("name", "a", "template", OK)))))
                .containsEntry("@entity", "config.templates[1].name: 'a' is used twice (expected: unique names)");
        assertThat(errors(Map.of("templates", List.of(Map.of("name", "", "template", OK))))).containsKey("@entity");
    }

    @Test
    void aBrokenTemplateIsRefusedNamingItsIndexAndTheProblem() {
        Map<String, String> e = errors(Map.of("templates", List.of(Map.of("name", "ok", "template", OK),
                Map.of("name", "bad", "template", "{\"messages\": [{{x}}]}"))));
        assertThat(e.get("@entity")).startsWith("config.templates[1].template: template is not valid JSON");
        assertThat(errors(Map.of("templates", List.of(Map.of("name", "arr", "template", "{\"a\":1}x")))).get("@entity"))
                .startsWith("config.templates[0].template: template is not valid JSON");
    }
}
