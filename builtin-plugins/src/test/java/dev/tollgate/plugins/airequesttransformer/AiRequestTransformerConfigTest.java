package dev.tollgate.plugins.airequesttransformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.SchemaViolationException;
import org.junit.jupiter.api.Test;

class AiRequestTransformerConfigTest {
    private final AiRequestTransformerPluginFactory factory = new AiRequestTransformerPluginFactory();

    static Map<String, Object> valid() {
        Map<String, Object> m = new HashMap<>();
        m.put("prompt", "Translate the body's messages to French.");
        m.put("llm", Map.of("model", Map.of("provider", "openai", "name", "gpt-4o-mini",
                "options", Map.of("upstream_url", "http://127.0.0.1:9/v1/chat/completions"))));
        return m;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> m = valid();
        m.put(field, value);
        return m;
    }

    private static Map<String, Object> withLlm(Map<String, Object> llm) {
        return with("llm", llm);
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
    void kongsNameAndPriorityAndItsDefaults() {
        assertThat(factory.name()).isEqualTo("ai-request-transformer");
        assertThat(factory.priority()).isEqualTo(777);
        PluginConfig c = factory.configSchema().validate(valid());
        assertThat(c.integer("http_timeout")).contains(60_000L);
        assertThat(c.integer("max_request_body_size")).contains(8192L);
        assertThat(c.record("llm").string("route_type")).contains("llm/v1/chat");
        assertThat(c.record("llm").record("logging").bool("log_statistics")).isTrue();
        assertThat(c.record("llm").record("logging").bool("log_payloads")).isFalse();
        assertThat(AiRequestTransformerConfig.from(c, name -> null).maxBodySize()).isEqualTo(8192);
    }

    @Test
    void everyFieldHasADescription() {
        factory.configSchema().fields().forEach(f -> assertThat(f.description()).as(f.name()).isNotBlank());
    }

    @Test
    void aMissingOrBlankPromptIsNamed() {
        Map<String, Object> none = valid();
        none.remove("prompt");
        assertThat(errors(none)).containsKey("prompt");
        assertThat(errors(with("prompt", "  "))).containsKey("prompt");
        assertThat(errors(with("prompt", 42))).containsKey("prompt");
    }

    @Test
    void badPatternsTimeoutsAndSizesAreNamed() {
        assertThat(errors(with("transformation_extract_pattern", "({unclosed"))).containsKey("transformation_extract_pattern");
        assertThat(errors(with("http_timeout", "soon"))).containsKey("http_timeout");
        assertThat(errors(with("http_timeout", 0))).containsKey("http_timeout");
        assertThat(errors(with("max_request_body_size", -1))).containsKey("max_request_body_size");
        assertThat(errors(with("llm", "gpt-4o"))).containsKey("llm");
    }

    @Test
    void theLlmBlockIsAiProxysModelAndAuthWithItsChecks() {
        assertThat(errors(withLlm(Map.of("model", Map.of("provider", "skynet", "name", "x"))))).containsKey("llm.model.provider");
        assertThat(errors(withLlm(Map.of("route_type", "llm/v1/embeddings", "model", Map.of("provider", "openai", "name", "x")))))
                .containsKey("llm.route_type");
        assertThat(errors(withLlm(Map.of("model", Map.of("provider", "openai", "name", "x",
                "options", Map.of("upstream_url", "ftp://x")))))).containsKey("llm.model.options.upstream_url");
        assertThat(errors(withLlm(Map.of("model", Map.of("provider", "openai", "name", "x"), "auth",
                Map.of("param_location", "cookie"))))).containsKey("llm.auth.param_location");
    }

    @Test
    void whatTheTransformerNeedsBeyondAiProxyIsNamed() {
        assertThat(errors(withLlm(Map.of())).values()).containsExactly("config.llm.model.provider: required field missing");
        Map<String, Object> noLlm = valid();
        noLlm.remove("llm");
        assertThat(errors(noLlm).values()).anySatisfy(m -> assertThat(m).contains("config.llm.model.provider"));
        assertThat(errors(withLlm(Map.of("model", Map.of("provider", "openai")))).values())
                .anySatisfy(m -> assertThat(m).startsWith("config.llm.model.name: required"));
        assertThat(errors(withLlm(Map.of("model", Map.of("provider", "openai-compatible", "name", "llama")))).values())
                .anySatisfy(m -> assertThat(m).contains("config.llm.model.options.upstream_url"));
        assertThat(errors(withLlm(Map.of("model", Map.of("provider", "openai", "name", "x"),
                "auth", Map.of("header_value", "{vault://aws/key}")))).values())
                .anySatisfy(m -> assertThat(m).contains("config.llm.auth.header_value").contains("{vault://env/NAME}"));
    }

    @Test
    void credentialsAreSecretAndAnUnsetVaultVariableFailsTheBuildNamingIt() {
        var auth = factory.configSchema().field("llm").orElseThrow().record().orElseThrow()
                .field("auth").orElseThrow().record().orElseThrow();
        assertThat(auth.field("header_value").orElseThrow().secret()).isTrue();
        PluginConfig c = factory.configSchema().validate(withLlm(Map.of("model", Map.of("provider", "openai", "name", "x"),
                "auth", Map.of("header_value", "{vault://env/TRANSFORMER_KEY}"))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AiRequestTransformerConfig.from(c, name -> null))
                .hasMessageContaining("TRANSFORMER_KEY").hasMessageContaining("config.llm.auth.header_value");
    }
}
