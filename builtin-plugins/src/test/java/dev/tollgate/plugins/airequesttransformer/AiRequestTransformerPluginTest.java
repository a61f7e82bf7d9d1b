package dev.tollgate.plugins.airequesttransformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.commons.llm.call.FakeLlm;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AiRequestTransformerPluginTest {
    private static final String PROMPT = "Translate the user's messages to French; answer with the JSON body only.";
    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    private static final String BONJOUR = "{\"messages\":[{\"role\":\"user\",\"content\":\"Bonjour\"}]}";

    private final FakeLlm llm = FakeLlm.start();
    private final AiRequestTransformerPluginFactory factory = new AiRequestTransformerPluginFactory();

    @AfterEach
    void stop() {
        llm.close();
    }

    private Plugin plugin(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("prompt", PROMPT);
        config.put("llm", Map.of("model", Map.of("provider", "openai", "name", "gpt-4o-mini",
                "options", Map.of("upstream_url", llm.url())), "auth", Map.of("header_value", "sk-transformer")));
        config.putAll(extra);
        return factory.create(factory.configSchema().validate(config));
    }

    private static FakePluginContext request(String contentType, String body) {
        FakePluginContext.Builder b = FakePluginContext.builder().method("POST").path("/chat").body(body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.build().in(Phase.ACCESS);
    }

    private static String upstreamBody(FakePluginContext ctx) {
        return new String(ctx.upstreamBody(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(FakePluginContext ctx) {
        return (Map<String, Object>) ((Map<String, Object>) ctx.exitBody()).get("error");
    }

    @Test
    void theLlmRewritesAJsonBodyWithThePromptAsItsSystemMessage() throws Exception {
        llm.answer(BONJOUR);
        FakePluginContext ctx = request("application/json", HELLO);

        plugin(Map.of()).access(ctx);

        assertThat(ctx.exitStatus()).isZero();
        assertThat(upstreamBody(ctx)).isEqualTo(BONJOUR);
        FakeLlm.Received sent = llm.take();
        assertThat(sent.header("authorization")).isEqualTo("Bearer sk-transformer");
        assertThat(sent.body().get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.body().get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(sent.body().get("messages").get(0).get("content").asText()).isEqualTo(PROMPT);
        assertThat(sent.body().get("messages").get(1).get("content").asText()).isEqualTo(HELLO);
        assertThat(ctx.logLines()).anySatisfy(l -> assertThat(l).startsWith("INFO").contains("\"ai_transformation\"")
                .contains("\"model\":\"fake-model\"").contains("\"prompt_tokens\":11").contains("\"completion_tokens\":7"));
        assertThat(String.join("\n", ctx.logLines())).doesNotContain("Hello").doesNotContain("Bonjour");
    }

    @Test
    void theBodyAsEarlierPluginsLeftItIsWhatTheLlmGets() throws Exception {
        FakePluginContext ctx = request("application/json", HELLO);
        ctx.upstreamRequest().setBody(BONJOUR.getBytes(StandardCharsets.UTF_8));
        llm.answer(HELLO);

        plugin(Map.of()).access(ctx);

        assertThat(llm.take().body().get("messages").get(1).get("content").asText()).isEqualTo(BONJOUR);
        assertThat(upstreamBody(ctx)).isEqualTo(HELLO);
    }

    @Test
    void theExtractPatternsFirstGroupIsTheBodyAndAMismatchIsAnError() {
        Plugin p = plugin(Map.of("transformation_extract_pattern", "here it is:\\s*(\\{.*\\})"));
        llm.answer("Sure! HERE IT IS: " + BONJOUR + "\nAnything else?");
        FakePluginContext ok = request("application/json", HELLO);
        p.access(ok);
        assertThat(upstreamBody(ok)).isEqualTo(BONJOUR);

        llm.answer("I cannot help with that.");
        FakePluginContext refused = request("application/json", HELLO);
        p.access(refused);
        assertThat(refused.exitStatus()).isEqualTo(502);
        assertThat(error(refused)).containsEntry("code", "transformer_answer_unusable").containsEntry("type", "api_error");
        assertThat((String) error(refused).get("message")).contains("transformation_extract_pattern");
        assertThat(upstreamBody(refused)).isEqualTo(HELLO);
    }

    @Test
    void aFencedJsonAnswerIsTakenFromItsFence() {
        llm.answer("```json\n" + BONJOUR + "\n```");
        FakePluginContext ctx = request("application/json; charset=utf-8", HELLO);
        plugin(Map.of()).access(ctx);
        assertThat(upstreamBody(ctx)).isEqualTo(BONJOUR);
    }

    @Test
    void aJsonBodyMustComeBackAsJsonAndAnObjectAsAnObject() {
        Plugin p = plugin(Map.of());
        llm.answer("Bonjour, here is your translation.");
        FakePluginContext prose = request("application/json", HELLO);
        p.access(prose);
        assertThat(prose.exitStatus()).isEqualTo(502);
        assertThat((String) error(prose).get("message")).isEqualTo(AiRequestTransformerPlugin.NOT_JSON);

        llm.answer("[\"Bonjour\"]");
        FakePluginContext array = request("application/json", HELLO);
        p.access(array);
        assertThat(array.exitStatus()).isEqualTo(502);
        assertThat((String) error(array).get("message")).isEqualTo(AiRequestTransformerPlugin.NOT_OBJECT);

        llm.answer("{\"messages\": [] } trailing words");
        FakePluginContext trailing = request("application/json", HELLO);
        p.access(trailing);
        assertThat(trailing.exitStatus()).isEqualTo(502);
    }

    @Test
    void aTextBodyTakesAnyAnswerAndAnUntypedJsonBodyIsTypedAfterwards() {
        Plugin p = plugin(Map.of());
        llm.answer("bonjour le monde");
        FakePluginContext text = request("text/plain", "hello world");
        p.access(text);
        assertThat(upstreamBody(text)).isEqualTo("bonjour le monde");
        assertThat(text.upstreamHeaders().get("content-type")).isEqualTo(List.of("text/plain"));

        llm.answer(BONJOUR);
        FakePluginContext untyped = request(null, HELLO);
        p.access(untyped);
        assertThat(untyped.upstreamHeaders().get("content-type")).isEqualTo(List.of("application/json"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutAskingTheLlm() {
        FakePluginContext ctx = request("application/json", HELLO);
        plugin(Map.of("max_request_body_size", 10)).access(ctx);
        assertThat(ctx.exitStatus()).isEqualTo(413);
        assertThat(error(ctx)).containsEntry("code", "request_too_large").containsEntry("type", "invalid_request_error");
        assertThat(llm.pending()).isZero();

        llm.answer(BONJOUR);
        FakePluginContext unlimited = request("application/json", HELLO.replace("Hello", "x".repeat(20_000)));
        plugin(Map.of("max_request_body_size", 0)).access(unlimited);
        assertThat(unlimited.exitStatus()).isZero();
    }

    @Test
    void aBodyThatIsNotUtf8TextIsRefused() {
        FakePluginContext ctx = request("application/octet-stream", "");
        ctx.upstreamRequest().setBody(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
        plugin(Map.of()).access(ctx);
        assertThat(ctx.exitStatus()).isEqualTo(400);
        assertThat(error(ctx)).containsEntry("code", "body_not_text");
        assertThat(llm.pending()).isZero();
    }

    @Test
    void aFailingLlmIsABadGatewayWhoseDetailsStayInTheLog() {
        llm.fail(500);
        FakePluginContext ctx = request("application/json", HELLO);
        plugin(Map.of()).access(ctx);
        assertThat(ctx.exitStatus()).isEqualTo(502);
        assertThat(error(ctx)).containsEntry("code", "transformer_llm_failed");
        assertThat((String) error(ctx).get("message")).contains("500").doesNotContain("127.0.0.1").doesNotContain("fake failure");
        assertThat(ctx.logLines()).anySatisfy(l -> assertThat(l).startsWith("WARNING").contains("fake failure 500")
                .contains("openai/gpt-4o-mini").doesNotContain("sk-transformer"));
        assertThat(upstreamBody(ctx)).isEqualTo(HELLO);
    }

    @Test
    void aHungLlmIsAGatewayTimeout() {
        llm.answer(BONJOUR); // the first call of a JVM loads the client: not what is measured
        plugin(Map.of()).access(request("application/json", HELLO));
        llm.hang();
        FakePluginContext ctx = request("application/json", HELLO);
        long start = System.nanoTime();
        plugin(Map.of("http_timeout", 300)).access(ctx);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
        assertThat(ctx.exitStatus()).isEqualTo(504);
        assertThat(error(ctx)).containsEntry("code", "transformer_llm_timeout");
    }

    @Test
    void payloadsAreLoggedOnlyWhenAskedFor() {
        llm.answer(BONJOUR);
        FakePluginContext ctx = request("application/json", HELLO);
        plugin(Map.of("llm", Map.of("model", Map.of("provider", "openai", "name", "m",
                "options", Map.of("upstream_url", llm.url())),
                "logging", Map.of("log_payloads", true, "log_statistics", false)))).access(ctx);
        assertThat(ctx.logLines()).anySatisfy(l -> assertThat(l).contains("Hello"))
                .anySatisfy(l -> assertThat(l).contains("Bonjour"))
                .noneSatisfy(l -> assertThat(l).contains("ai_transformation"));
    }
}
