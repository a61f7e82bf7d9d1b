package dev.tollgate.plugins.aiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.sdk.config.PluginConfig;
import dev.tollgate.sdk.config.SchemaViolationException;
import org.junit.jupiter.api.Test;

class AiProxyConfigTest {
    private final AiProxyPluginFactory factory = new AiProxyPluginFactory();

    private PluginConfig validate(Map<String, ?> input) {
        return factory.configSchema().validate(input);
    }

    private Map<String, String> errors(Map<String, ?> input) {
        try {
            validate(input);
        } catch (SchemaViolationException e) {
            return e.errors();
        }
        throw new AssertionError("accepted: " + input);
    }

    private static Map<String, Object> openAi(String model) {
        return Map.of("provider", "openai", "name", model);
    }

    @Test
    void kongsSingleModelConfigurationGetsItsDefaults() {
        AiProxyConfig c = AiProxyConfig.from(validate(Map.of("model", openAi("gpt-4o"),
                "auth", Map.of("header_name", "Authorization", "header_value", "Bearer sk-1"))));
        assertThat(c.routeType()).isEqualTo(RouteType.CHAT);
        assertThat(c.targets()).singleElement().satisfies(t -> {
            assertThat(t.provider()).isEqualTo("openai");
            assertThat(t.modelName()).contains("gpt-4o");
            assertThat(t.weight()).isEqualTo(100);
        });
        assertThat(c.balancer().algorithm()).isEqualTo(BalancerConfig.Algorithm.ROUND_ROBIN);
        assertThat(c.balancer().retries()).isEqualTo(2);
        assertThat(c.balancer().failover()).hasSize(4);
        assertThat(c.balancer().breakerFailures()).isEqualTo(5);
        assertThat(c.logStatistics()).isTrue();
        assertThat(c.streaming()).isEqualTo(AiProxyConfig.Streaming.ALLOW);
        assertThat(c.anthropicClients()).isFalse();
    }

    @Test
    void severalTargetsWithWeightsAndPriorities() {
        AiProxyConfig c = AiProxyConfig.from(validate(Map.of("targets", List.of(
                Map.of("model", openAi("gpt-4o"), "weight", 30, "priority", 1),
                Map.of("model", Map.of("provider", "anthropic", "name", "claude-sonnet-4-5"))),
                "balancer", Map.of("algorithm", "priority"))));
        assertThat(c.targets()).extracting(TargetConfig::weight).containsExactly(30, 100);
        assertThat(c.targets()).extracting(TargetConfig::priority).containsExactly(1, 0);
        assertThat(c.targets().get(1).field()).isEqualTo("targets[1]");
    }

    @Test
    void modelAndTargetsTogetherOrNeitherAreRefused() {
        assertThat(errors(Map.of()).values()).anySatisfy(m -> assertThat(m).contains("config.model.provider or config.targets"));
        assertThat(errors(Map.of("model", openAi("a"), "targets", List.of(Map.of("model", openAi("b"))))).values())
                .anySatisfy(m -> assertThat(m).contains("not both"));
    }

    @Test
    void badFieldsAreNamed() {
        assertThat(errors(Map.of("model", Map.of("provider", "skynet")))).containsKey("model.provider");
        assertThat(errors(Map.of("model", openAi("a"), "route_type", "llm/v2/chat"))).containsKey("route_type");
        assertThat(errors(Map.of("targets", List.of(Map.of("model", openAi("a"), "weight", 0))))).containsKey("targets[0].weight");
        assertThat(errors(Map.of("targets", List.of("gpt-4o")))).containsKey("targets[0]");
        assertThat(errors(Map.of("targets", "gpt-4o"))).containsKey("targets");
        assertThat(errors(Map.of("model", openAi("a"), "balancer", Map.of("failover_criteria", List.of("http_404")))))
                .containsKey("balancer.failover_criteria");
        assertThat(errors(Map.of("model", Map.of("provider", "openai", "options", Map.of("upstream_url", "ftp://x")))))
                .containsKey("model.options.upstream_url");
    }

    @Test
    void providersThatNeedAnAddressSayWhich() {
        assertThat(errors(Map.of("model", Map.of("provider", "openai-compatible", "name", "llama"))).values())
                .anySatisfy(m -> assertThat(m).contains("model.options.upstream_url"));
    }

    @Test
    void vaultReferencesResolveFromTheEnvironmentAndAMissingVariableIsNamed() {
        PluginConfig config = validate(Map.of("model", openAi("gpt-4o"),
                "auth", Map.of("header_value", "{vault://env/OPENAI_KEY}")));
        AiProxyConfig c = AiProxyConfig.from(config, Map.of("OPENAI_KEY", "sk-from-env")::get);
        assertThat(c.targets().getFirst().auth().headerValue()).contains("sk-from-env");
        assertThat(c.targets().getFirst().auth().toString()).doesNotContain("sk-from-env");

        assertThatThrownBy(() -> AiProxyConfig.from(config, name -> null))
                .hasMessageContaining("OPENAI_KEY").hasMessageContaining("auth.header_value")
                .hasMessageNotContaining("sk-");
        assertThat(errors(Map.of("model", openAi("a"), "auth", Map.of("header_value", "{vault://aws/x}"))).values())
                .anySatisfy(m -> assertThat(m).contains("{vault://env/NAME}"));
    }

    @Test
    void credentialsAreSecretFields() {
        var auth = factory.configSchema().field("auth").orElseThrow().record().orElseThrow();
        assertThat(auth.field("header_value").orElseThrow().secret()).isTrue();
        assertThat(auth.field("param_value").orElseThrow().secret()).isTrue();
    }
}
