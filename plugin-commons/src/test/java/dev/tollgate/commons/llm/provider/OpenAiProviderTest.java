package dev.tollgate.commons.llm.provider;

import static dev.tollgate.commons.llm.provider.Canned.body;
import static dev.tollgate.commons.llm.provider.Canned.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.sse.SseEvent;

class OpenAiProviderTest {
    static final Provider OPENAI = new OpenAiProvider();
    static final ModelTarget GPT = new ModelTarget("openai", "gpt-4o-mini", ModelOptions.NONE);
    static final String CHAT = """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Dis bonjour"}],"temperature":0.2}""";

    @Test
    void chatGoesToOpenAiUnchanged() {
        ProviderRequest request = OPENAI.request(RouteType.CHAT, json(CHAT), GPT, false);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString("https://api.openai.com/v1/chat/completions");
        assertThat(request.headers()).isEmpty();
        assertThat(body(request)).isEqualTo(json(CHAT));
    }

    @Test
    void aBodyThatNeedsNoChangeGoesOutAsTheBytesItCameAs() {
        byte[] written = ("{\"model\": \"gpt-4o-mini\",\n \"messages\": [{\"role\":\"user\",\"content\":\"Dis bonjour\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        ProviderRequest asIs = OPENAI.requestAsIs(RouteType.CHAT, written, GPT, false).orElseThrow();
        ProviderRequest written2 = OPENAI.request(RouteType.CHAT, Json.parseObject(written), GPT, false);

        assertThat(asIs.body()).isSameAs(written);
        assertThat(asIs.uri()).isEqualTo(written2.uri());
        assertThat(asIs.method()).isEqualTo(written2.method());
        assertThat(asIs.headers()).isEqualTo(written2.headers());
        // A streamed chat gets stream_options added, and Mistral changes every body: both are written.
        assertThat(OPENAI.requestAsIs(RouteType.CHAT, written, GPT, true)).isEmpty();
        assertThat(new MistralProvider().requestAsIs(RouteType.CHAT, written, GPT, false)).isEmpty();
    }

    @Test
    void answersAsTheyCameOnlyWhereNothingIsTranslated() {
        assertThat(OPENAI.answersAsIs(RouteType.CHAT)).isTrue();
        assertThat(new AzureProvider().answersAsIs(RouteType.CHAT)).isTrue();
        assertThat(new MistralProvider().answersAsIs(RouteType.CHAT)).isFalse(); // finish reasons are normalized
        assertThat(new AnthropicProvider().answersAsIs(RouteType.CHAT)).isFalse();
    }

    @Test
    void aStreamAsksForUsage() {
        ObjectNode sent = body(OPENAI.request(RouteType.CHAT, json(CHAT), GPT, true));
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();

        ObjectNode declined = json("""
                {"model":"gpt-4o-mini","messages":[],"stream":true,"stream_options":{"include_usage":false}}""");
        assertThat(body(OPENAI.request(RouteType.CHAT, declined, GPT, true)).path("stream_options"))
                .isEqualTo(json("{\"include_usage\":true}"));
    }

    @Test
    void embeddingsAndPreservedBodiesAreNotTouched() {
        ObjectNode embed = json("{\"model\":\"text-embedding-3-small\",\"input\":\"hello\"}");
        ProviderRequest request = OPENAI.request(RouteType.EMBEDDINGS, embed.deepCopy(), GPT, false);
        assertThat(request.uri()).hasToString("https://api.openai.com/v1/embeddings");
        assertThat(body(request)).isEqualTo(embed);

        assertThat(body(OPENAI.request(RouteType.PRESERVE, json(CHAT), GPT, true))).isEqualTo(json(CHAT));
    }

    @Test
    void upstreamUrlReplacesTheEndpoint() {
        ModelTarget proxied = new ModelTarget("openai", "gpt-4o", ModelOptions.upstream("http://egress:8080/openai/chat"));
        assertThat(OPENAI.request(RouteType.CHAT, json(CHAT), proxied, false).uri())
                .hasToString("http://egress:8080/openai/chat");
    }

    @Test
    void answersPassAndUsageIsRead() {
        ObjectNode answer = Canned.file("openai/chat-response.json");

        assertThat(OPENAI.response(RouteType.CHAT, answer.deepCopy(), GPT)).isEqualTo(answer);
        assertThat(OPENAI.usage(RouteType.CHAT, answer)).contains(new TokenUsage(1117, 46, 1024));
        assertThat(OPENAI.usage(RouteType.CHAT, json("{\"object\":\"chat.completion\"}"))).isEmpty();
    }

    @Test
    void streamedChunksPassWithUsageTakenOutWhereverTheChunksAreCut() {
        Canned.everyCut(OPENAI, GPT, Canned.fileBytes("openai/chat-stream.sse"), (translator, chunks) -> {
            assertThat(chunks).hasSize(4).allSatisfy(c -> {
                assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(c.path("id").asText()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
                assertThat(c.has("usage")).isFalse();
            });
            assertThat(Canned.text(chunks)).isEqualTo("Bonjour à tous !");
            assertThat(chunks.getLast().path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
            assertThat(translator.usage()).contains(new TokenUsage(19, 6, 0));
            assertThat(translator.model()).contains("gpt-4o-mini-2024-07-18");
            assertThat(translator.done()).isTrue();
        });
    }

    @Test
    void aStreamCutBeforeDoneIsNotDone() {
        StreamTranslator translator = OPENAI.stream(GPT);
        translator.onEvent(SseEvent.data("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}"));
        assertThat(translator.done()).isFalse();
        assertThat(translator.usage()).isEmpty();
        assertThat(translator.onEvent(SseEvent.data("not json"))).isEmpty();
    }

    @Test
    void anErrorSentMidStreamReachesTheClientInOpenAiShape() {
        List<ObjectNode> out = OPENAI.stream(GPT).onEvent(SseEvent.data("""
                {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"""));

        assertThat(out).containsExactly(
                OpenAiErrors.of("The server had an error while processing your request.", "server_error", null));
    }

    @Test
    void jsonErrorsKeepMessageTypeCodeAndParam() {
        byte[] body = """
                {"error":{"message":"Incorrect API key provided: sk-abc*****xyz. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""
                .getBytes(StandardCharsets.UTF_8);
        ObjectNode error = OPENAI.error(401, body);

        assertThat(error.path("error").path("message").asText()).startsWith("Incorrect API key provided");
        assertThat(error.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("error").path("code").asText()).isEqualTo("invalid_api_key");

        ObjectNode withParam = OPENAI.error(400, """
                {"error":{"message":"Invalid value for 'temperature'.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(withParam.path("error").path("param").asText()).isEqualTo("temperature");
    }

    @Test
    void htmlAndEmptyErrorsAreQuotedShortWithATypeForTheStatus() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
                + "<hr><center>cloudflare</center>" + " ".repeat(10) + "x".repeat(400) + "</body></html>";
        ObjectNode error = OPENAI.error(502, page.getBytes(StandardCharsets.UTF_8));

        assertThat(error.path("error").path("message").asText())
                .startsWith("openai answered 502: <html><head><title>502 Bad Gateway").endsWith("…")
                .hasSizeLessThan(340);
        assertThat(error.path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(error.path("error").path("code").isNull()).isTrue();

        assertThat(OPENAI.error(429, new byte[0]).path("error"))
                .isEqualTo(json("{\"message\":\"openai answered 429\",\"type\":\"rate_limit_error\",\"code\":null}"));
    }

    @Test
    void errorsOfOtherOpenAiLikeServersAreRead() {
        // vLLM: the error at the top level, with an exception name as its type and a number as its code
        ObjectNode vllm = OPENAI.error(400, """
                {"object":"error","message":"This model's maximum context length is 4096 tokens.","type":"BadRequestError","param":null,"code":400}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(vllm.path("error")).isEqualTo(json("""
                {"message":"This model's maximum context length is 4096 tokens.","type":"invalid_request_error","code":"400"}"""));
        // FastAPI validation
        ObjectNode fastapi = OPENAI.error(422, """
                {"detail":[{"type":"missing","loc":["body","messages"],"msg":"Field required","input":{}}]}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(fastapi.path("error").path("message").asText()).isEqualTo("body.messages: Field required");
        // a JSON body that says nothing readable
        assertThat(OPENAI.error(500, "{\"status\":\"down\"}".getBytes(StandardCharsets.UTF_8))
                .path("error").path("message").asText()).isEqualTo("openai answered 500: {\"status\":\"down\"}");
    }

    @Test
    void theKeyGoesInABearerHeader() {
        assertThat(OPENAI.authHeader("sk-test")).isEqualTo(Map.entry("Authorization", "Bearer sk-test"));
    }

    @Test
    void usageCountsAreNeverNegativeNorCachedBeyondThePrompt() {
        assertThat(OpenAiProvider.usageOf(Json.parseObject("""
                {"prompt_tokens":-3,"completion_tokens":2,"prompt_tokens_details":{"cached_tokens":9}}"""
                .getBytes(StandardCharsets.UTF_8)))).contains(new TokenUsage(0, 2, 0));
    }

    @Test
    void reasoningTokensAreThePartOfTheCompletionSpentThinking() {
        assertThat(OpenAiProvider.usageOf(Json.parseObject("""
                {"prompt_tokens":10,"completion_tokens":50,"completion_tokens_details":{"reasoning_tokens":30}}"""
                .getBytes(StandardCharsets.UTF_8)))).contains(new TokenUsage(10, 50, 0, 30));
        // Never more than the completion tokens.
        assertThat(OpenAiProvider.usageOf(Json.parseObject("""
                {"prompt_tokens":10,"completion_tokens":5,"completion_tokens_details":{"reasoning_tokens":30}}"""
                .getBytes(StandardCharsets.UTF_8)))).contains(new TokenUsage(10, 5, 0, 5));
    }
}
