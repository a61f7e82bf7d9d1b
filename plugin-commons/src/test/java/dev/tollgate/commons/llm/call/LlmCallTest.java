package dev.tollgate.commons.llm.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.provider.ModelOptions;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmCallTest {
    private static final ProviderAuth KEY = new ProviderAuth(Optional.empty(), Optional.of("sk-secret-1"),
            Optional.empty(), Optional.empty(), false);
    private final FakeLlm llm = FakeLlm.start();

    @AfterEach
    void stop() {
        llm.close();
    }

    private static ModelConfig model(String provider, String url, ModelConfig.RequestDefaults defaults) {
        return new ModelConfig(provider, Optional.of("gpt-4o"), ModelOptions.upstream(url), defaults, KEY, "llm.model");
    }

    private LlmCall call(Duration timeout) {
        return new LlmCall(model("openai", llm.url(), ModelConfig.RequestDefaults.NONE), timeout, timeout);
    }

    private static ObjectNode ask(String text) {
        ObjectNode request = Json.object();
        request.putArray("messages").addObject().put("role", "user").put("content", text);
        return request;
    }

    @Test
    void sendsTheConfiguredModelDefaultsAndCredentialAndReadsTheAnswer() throws Exception {
        var defaults = new ModelConfig.RequestDefaults(Optional.of(50L), Optional.of(0.1), Optional.empty(), Optional.empty());
        LlmCall call = new LlmCall(model("openai", llm.url(), defaults), Duration.ofSeconds(5), Duration.ofSeconds(5));
        llm.answer("rewritten");

        LlmCall.Completion c = call.chat(ask("hello"));

        assertThat(c.text()).isEqualTo("rewritten");
        assertThat(c.model()).isEqualTo("fake-model");
        assertThat(c.usage().promptTokens()).isEqualTo(11);
        assertThat(c.usage().completionTokens()).isEqualTo(7);
        assertThat(c.tokensCounted()).isFalse();
        FakeLlm.Received sent = llm.take();
        assertThat(sent.header("authorization")).isEqualTo("Bearer sk-secret-1");
        assertThat(sent.body().get("model").asText()).isEqualTo("gpt-4o");
        assertThat(sent.body().get("max_tokens").asLong()).isEqualTo(50);
        assertThat(sent.body().get("temperature").asDouble()).isEqualTo(0.1);
        assertThat(sent.body().has("stream")).isFalse();
        assertThat(sent.body().get("messages").get(0).get("content").asText()).isEqualTo("hello");
    }

    @Test
    void anAnswerWithoutUsageIsCountedWithTheTokenizer() {
        llm.answerWithoutUsage("three words here");
        LlmCall.Completion c = call(Duration.ofSeconds(5)).chat(ask("count me please"));
        assertThat(c.tokensCounted()).isTrue();
        assertThat(c.usage().completionTokens()).isEqualTo(3);
        assertThat(c.usage().promptTokens()).isGreaterThan(3);
    }

    @Test
    void anotherProvidersFormatIsTranslatedBothWays() throws Exception {
        llm.raw(200, "application/json", "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-x\",\"content\":[{\"type\":\"text\",\"text\":\"bonjour\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}");
        LlmCall call = new LlmCall(model("anthropic", llm.url(), ModelConfig.RequestDefaults.NONE),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        ObjectNode request = ask("hello");
        ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("messages")).insertObject(0)
                .put("role", "system").put("content", "Translate to French.");

        LlmCall.Completion c = call.chat(request);

        assertThat(c.text()).isEqualTo("bonjour");
        assertThat(c.usage().promptTokens()).isEqualTo(5);
        FakeLlm.Received sent = llm.take();
        assertThat(sent.header("x-api-key")).isEqualTo("sk-secret-1");
        assertThat(sent.body().has("system")).isTrue();
        assertThat(sent.body().get("messages")).hasSize(1);
        assertThat(sent.body().has("max_tokens")).isTrue(); // Anthropic requires it
    }

    @Test
    void anErrorStatusIsABadGatewayThatNamesTheModelButNotTheKey() {
        llm.fail(500);
        assertThatThrownBy(() -> call(Duration.ofSeconds(5)).chat(ask("x")))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LlmCallException.Reason.ERROR_STATUS);
                    assertThat(e.providerStatus()).isEqualTo(500);
                    assertThat(e.gatewayStatus()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("openai/gpt-4o", "500", "fake failure").doesNotContain("sk-secret");
                });
    }

    @Test
    void aHungLlmIsATimeoutWithinTheReadTimeout() {
        call(Duration.ofSeconds(10)).chat(ask("warm up")); // the first call of a JVM loads the client: seconds
        llm.hang();
        long start = System.nanoTime();
        assertThatThrownBy(() -> call(Duration.ofMillis(300)).chat(ask("x")))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LlmCallException.Reason.TIMEOUT);
                    assertThat(e.gatewayStatus()).isEqualTo(504);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aSlowAnswerOnAPooledConnectionIsWaitedFor() {
        LlmCall call = call(Duration.ofSeconds(10));
        call.chat(ask("first")); // leaves its connection idle in the pool
        llm.answerAfter(2_500, "slow but fine");
        assertThat(call.chat(ask("second")).text()).isEqualTo("slow but fine");
    }

    @Test
    void anUnreachableLlmAndAnUnreadableAnswerAreSaidApart() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        LlmCall nowhere = new LlmCall(model("openai", "http://127.0.0.1:" + closedPort + "/v1/chat/completions",
                ModelConfig.RequestDefaults.NONE), Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThatThrownBy(() -> nowhere.chat(ask("x"))).isInstanceOfSatisfying(LlmCallException.class,
                e -> assertThat(e.reason()).isEqualTo(LlmCallException.Reason.UNREACHABLE));

        llm.raw(200, "text/html", "<html>gateway page</html>");
        assertThatThrownBy(() -> call(Duration.ofSeconds(5)).chat(ask("x"))).isInstanceOfSatisfying(LlmCallException.class,
                e -> assertThat(e.reason()).isEqualTo(LlmCallException.Reason.BAD_ANSWER));
    }

    @Test
    void aModelWithoutANameCannotBeCalled() {
        ModelConfig unnamed = new ModelConfig("openai", Optional.empty(), ModelOptions.NONE,
                ModelConfig.RequestDefaults.NONE, ProviderAuth.NONE, "llm.model");
        assertThatThrownBy(() -> new LlmCall(unnamed, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("config.llm.model.name");
    }

    @Test
    void theSharedModelBlockResolvesVaultReferencesAndNamesAMissingVariable() {
        ConfigSchema schema = ConfigSchema.builder()
                .field(Field.record("model", ModelSchemas.MODEL).description("m"))
                .field(Field.record("auth", ModelSchemas.AUTH).description("a"))
                .build();
        var config = schema.validate(Map.of("model", Map.of("provider", "openai", "name", "gpt-4o"),
                "auth", Map.of("header_value", "{vault://env/LLM_KEY}")));
        ModelConfig m = ModelConfig.from(config.record("model"), config.record("auth"), "llm.model", "llm.auth",
                Map.of("LLM_KEY", "sk-env")::get);
        assertThat(m.auth().headerValue()).contains("sk-env");
        assertThatThrownBy(() -> ModelConfig.from(config.record("model"), config.record("auth"), "llm.model",
                "llm.auth", name -> null)).hasMessageContaining("config.llm.auth.header_value").hasMessageContaining("LLM_KEY");
    }
}
