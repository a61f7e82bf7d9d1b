package dev.tollgate.plugins.airesponsetransformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.SchemaViolationException;
import org.junit.jupiter.api.Test;

class AiResponseTransformerConfigTest {
    private final AiResponseTransformerPluginFactory factory = new AiResponseTransformerPluginFactory();

    private static Map<String, Object> valid() {
        Map<String, Object> m = new HashMap<>();
        m.put("prompt", "Summarise the body in one sentence.");
        m.put("llm", Map.of("model", Map.of("provider", "anthropic", "name", "claude-haiku-4-5")));
        return m;
    }

    private Map<String, String> errors(String field, Object value) {
        Map<String, Object> m = valid();
        m.put(field, value);
        try {
            factory.configSchema().validate(m);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + m);
    }

    @Test
    void kongsNameAndPriorityTheResponsePhaseAndTheDefaults() {
        assertThat(factory.name()).isEqualTo("ai-response-transformer");
        assertThat(factory.priority()).isEqualTo(769);
        assertThat(factory.phases()).containsExactly(Phase.RESPONSE);
        PluginConfig c = factory.configSchema().validate(valid());
        assertThat(c.bool("parse_llm_response_json_instructions")).isFalse();
        assertThat(c.integer("max_response_body_size")).contains(65_536L);
        AiResponseTransformerConfig config = AiResponseTransformerConfig.from(c, name -> null);
        assertThat(config.jsonInstructions()).isFalse();
        assertThat(config.transformation().label()).isEqualTo("anthropic/claude-haiku-4-5");
        factory.configSchema().fields().forEach(f -> assertThat(f.description()).as(f.name()).isNotBlank());
    }

    @Test
    void wrongTypesAreNamed() {
        assertThat(errors("parse_llm_response_json_instructions", "maybe")).containsKey("parse_llm_response_json_instructions");
        assertThat(errors("max_response_body_size", -5)).containsKey("max_response_body_size");
        assertThat(errors("max_response_body_size", 1.5)).containsKey("max_response_body_size");
        assertThat(errors("transformation_extract_pattern", "[")).containsKey("transformation_extract_pattern");
        assertThat(errors("llm", Map.of("model", Map.of("provider", "azure", "name", "gpt-4o"))).values())
                .anySatisfy(m -> assertThat(m).contains("config.llm.model.options.azure_instance"));
    }
}
