package dev.tollgate.plugins.airesponsetransformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.call.FakeLlm;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AiResponseTransformerPluginTest {
    private static final String UPSTREAM = "{\"id\":42,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"}";

    private final FakeLlm llm = FakeLlm.start();
    private final AiResponseTransformerPluginFactory factory = new AiResponseTransformerPluginFactory();

    @AfterEach
    void stop() {
        llm.close();
    }

    private Plugin plugin(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("prompt", "Remove e-mail addresses from the body.");
        config.put("llm", Map.of("model", Map.of("provider", "openai", "name", "gpt-4o-mini",
                "options", Map.of("upstream_url", llm.url()))));
        config.putAll(extra);
        return factory.create(factory.configSchema().validate(config));
    }

    private Plugin instructed() {
        return plugin(Map.of("parse_llm_response_json_instructions", true));
    }

    private static FakePluginContext response(String contentType, String body) {
        return FakePluginContext.builder().method("GET").upstreamResponse(200, Map.of("Content-Type", contentType))
                .upstreamBody(body).build().in(Phase.RESPONSE);
    }

    private static String body(FakePluginContext ctx) {
        return ctx.responseBody() == null ? null : new String(ctx.responseBody(), StandardCharsets.UTF_8);
    }

    private static JsonNode error(FakePluginContext ctx) {
        return Json.parseObject(ctx.responseBody()).get("error");
    }

    @Test
    void theLlmsAnswerReplacesTheBodyAndProseIsNotCalledJson() throws Exception {
        llm.answer("The user is Ada Lovelace.");
        FakePluginContext ctx = response("application/json", UPSTREAM);

        plugin(Map.of()).response(ctx);

        assertThat(body(ctx)).isEqualTo("The user is Ada Lovelace.");
        assertThat(ctx.responseHeaders().get("content-type")).isEqualTo(List.of("text/plain; charset=utf-8"));
        assertThat(ctx.responseStatus()).isZero();
        assertThat(llm.take().body().get("messages").get(1).get("content").asText()).isEqualTo(UPSTREAM);
    }

    @Test
    void aJsonAnswerToAJsonBodyKeepsItsTypeAndLosesItsFence() {
        llm.answer("```json\n{\"id\":42,\"name\":\"Ada Lovelace\"}\n```");
        FakePluginContext ctx = response("application/json", UPSTREAM);
        plugin(Map.of()).response(ctx);
        assertThat(body(ctx)).isEqualTo("{\"id\":42,\"name\":\"Ada Lovelace\"}");
        assertThat(ctx.responseHeaders()).doesNotContainKey("content-type");
    }

    @Test
    void jsonInstructionsSetTheStatusHeadersAndBodyButNotTheFraming() {
        llm.answer("{\"status\":209,\"headers\":{\"X-Verdict\":\"clean\",\"Content-Length\":\"1\",\"Transfer-Encoding\":"
                + "\"chunked\",\"X-Count\":3},\"body\":\"replaced\"}");
        FakePluginContext ctx = response("application/json", UPSTREAM);

        instructed().response(ctx);

        assertThat(ctx.responseStatus()).isEqualTo(209);
        assertThat(body(ctx)).isEqualTo("replaced");
        assertThat(ctx.responseHeaders()).containsEntry("x-verdict", List.of("clean")).containsEntry("x-count", List.of("3"))
                .doesNotContainKeys("content-length", "transfer-encoding", "content-type");
    }

    @Test
    void aJsonBodyInTheInstructionsIsSentAsJsonAndWithoutABodyTheWholeAnswerIs() {
        llm.answer("{\"body\":{\"id\":42}}");
        FakePluginContext json = response("text/plain", "id 42");
        instructed().response(json);
        assertThat(json.responseStatus()).isEqualTo(200);
        assertThat(body(json)).isEqualTo("{\"id\":42}");
        assertThat(json.responseHeaders().get("content-type")).isEqualTo(List.of("application/json"));

        llm.answer("{\"status\":201,\"verdict\":\"ok\"}");
        FakePluginContext whole = response("text/plain", "id 42");
        instructed().response(whole);
        assertThat(whole.responseStatus()).isEqualTo(201);
        assertThat(Json.parseObject(whole.responseBody()).get("verdict").asText()).isEqualTo("ok");
    }

    @Test
    void instructionsAModelGotWrongAreABadGateway() {
        for (String bad : List.of("not json at all", "[1,2]", "{\"status\":700,\"body\":\"x\"}", "{\"status\":\"soon\"}",
                "{\"status\":200.5}", "{\"headers\":[\"X-A: b\"]}", "{\"headers\":{\"X-Bad\":\"a\\r\\nSet-Cookie: x=1\"}}",
                "{\"headers\":{\"Bad Name\":\"v\"}}", "{\"headers\":{\"X-Obj\":{\"a\":1}}}")) {
            llm.answer(bad);
            FakePluginContext ctx = response("application/json", UPSTREAM);
            instructed().response(ctx);
            assertThat(ctx.responseStatus()).as(bad).isEqualTo(502);
            assertThat(error(ctx).get("code").asText()).as(bad).isEqualTo("transformer_answer_unusable");
            assertThat(ctx.responseHeaders().get("content-type")).isEqualTo(List.of("application/json"));
            assertThat(body(ctx)).doesNotContain("Ada");
        }
    }

    @Test
    void aGzippedBodyIsInflatedForTheLlm() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(UPSTREAM.getBytes(StandardCharsets.UTF_8));
        }
        llm.answer("{\"id\":42}");
        FakePluginContext ctx = FakePluginContext.builder().method("GET")
                .upstreamResponse(200, Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"))
                .upstreamBody(zipped.toByteArray()).build().in(Phase.RESPONSE);

        plugin(Map.of()).response(ctx);

        assertThat(llm.take().body().get("messages").get(1).get("content").asText()).isEqualTo(UPSTREAM);
        assertThat(body(ctx)).isEqualTo("{\"id\":42}");
    }

    @Test
    void bodiesItCannotReadAreRefusedWithoutAskingTheLlm() throws IOException {
        FakePluginContext brotli = FakePluginContext.builder().method("GET")
                .upstreamResponse(200, Map.of("Content-Type", "application/json", "Content-Encoding", "br"))
                .upstreamBody(new byte[] {1, 2, 3}).build().in(Phase.RESPONSE);
        plugin(Map.of()).response(brotli);
        assertThat(brotli.responseStatus()).isEqualTo(502);
        assertThat(error(brotli).get("code").asText()).isEqualTo("response_not_readable");

        FakePluginContext large = response("application/json", "x".repeat(200));
        plugin(Map.of("max_response_body_size", 100)).response(large);
        assertThat(large.responseStatus()).isEqualTo(502);
        assertThat(error(large).get("code").asText()).isEqualTo("response_too_large");

        FakePluginContext binary = FakePluginContext.builder().method("GET")
                .upstreamResponse(200, Map.of("Content-Type", "image/png"))
                .upstreamBody(new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff}).build().in(Phase.RESPONSE);
        plugin(Map.of()).response(binary);
        assertThat(error(binary).get("code").asText()).isEqualTo("response_not_text");

        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            gz.write(new byte[1024 * 1024]); // 1 MiB of zeros: a kilobyte compressed
        }
        FakePluginContext zipBomb = FakePluginContext.builder().method("GET")
                .upstreamResponse(200, Map.of("Content-Type", "text/plain", "Content-Encoding", "gzip"))
                .upstreamBody(bomb.toByteArray()).build().in(Phase.RESPONSE);
        plugin(Map.of()).response(zipBomb);
        assertThat(error(zipBomb).get("code").asText()).isEqualTo("response_too_large");
        assertThat(llm.pending()).isZero();
    }

    @Test
    void responsesWithoutABodyAreLeftAlone() {
        FakePluginContext noContent = FakePluginContext.builder().method("DELETE").upstreamResponse(204, Map.of())
                .build().in(Phase.RESPONSE);
        plugin(Map.of()).response(noContent);
        FakePluginContext head = FakePluginContext.builder().method("HEAD")
                .upstreamResponse(200, Map.of("Content-Type", "application/json")).build().in(Phase.RESPONSE);
        plugin(Map.of()).response(head);
        assertThat(noContent.responseBody()).isNull();
        assertThat(head.responseBody()).isNull();
        assertThat(llm.pending()).isZero();
    }

    @Test
    void aFailingLlmGivesTheClientAnErrorNeverTheUntransformedBody() {
        llm.fail(503);
        FakePluginContext ctx = response("application/json", UPSTREAM);
        plugin(Map.of()).response(ctx);
        assertThat(ctx.responseStatus()).isEqualTo(502);
        assertThat(error(ctx).get("code").asText()).isEqualTo("transformer_llm_failed");
        assertThat(error(ctx).get("type").asText()).isEqualTo("api_error");
        assertThat(body(ctx)).doesNotContain("ada@example.com");
    }

    @Test
    void aBufferedStreamBecomesOnePlainAnswer() {
        llm.answer("Hello there.");
        FakePluginContext ctx = response("text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n");
        plugin(Map.of()).response(ctx);
        assertThat(body(ctx)).isEqualTo("Hello there.");
        assertThat(ctx.responseHeaders().get("content-type")).isEqualTo(List.of("text/plain; charset=utf-8"));
    }
}
