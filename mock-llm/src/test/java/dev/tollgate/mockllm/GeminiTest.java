package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeminiTest {

    private static final String GENERATE = "/v1beta/models/gemini-test:generateContent";
    private static final String STREAM = "/v1beta/models/gemini-test:streamGenerateContent";
    private static final String HELLO = """
            {"system_instruction":{"parts":[{"text":"be brief"}]},
             "contents":[{"role":"user","parts":[{"text":"hello"},{"text":"there world"}]}]}""";
    private static final String WEATHER_TOOL = """
            "tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT",
              "properties":{"city":{"type":"STRING"}},"required":["city"]}}]}]""";

    @RegisterExtension
    static final TestHttp http = TestHttp.withOwnMock();

    @Test
    void generateContentHasGeminiShapeAndUsage() throws Exception {
        HttpResponse<String> response = http.post(GENERATE, HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(response);
        JsonNode candidate = body.at("/candidates/0");
        assertThat(candidate.at("/content/role").asText()).isEqualTo("model");
        assertThat(candidate.at("/content/parts/0/text").asText()).isEqualTo("Mock response to: hello there world");
        assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
        // system 2 words + 3 words + 3 for the one content
        assertThat(body.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(8);
        assertThat(body.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(6);
        assertThat(body.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(14);
        assertThat(body.path("modelVersion").asText()).isEqualTo("gemini-test");
    }

    @Test
    void maxOutputTokensCutsTheAnswer() throws Exception {
        JsonNode body = TestHttp.json(http.post(GENERATE,
                HELLO.replace("{\"system", "{\"generationConfig\":{\"maxOutputTokens\":2},\"system")));

        assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Mock response");
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
    }

    @Test
    void sseStreamSendsAChunkPerTokenAndUsageLast() throws Exception {
        String whole = TestHttp.json(http.post(GENERATE, HELLO)).at("/candidates/0/content/parts/0/text").asText();

        TestHttp.Stream stream = http.stream(STREAM + "?alt=sse", HELLO);

        assertThat(stream.failure()).isNull();
        assertThat(stream.response().headers().firstValue("content-type")).hasValue("text/event-stream");
        List<JsonNode> chunks = stream.dataJson();
        assertThat(chunks).hasSize(6);
        assertThat(TestHttp.joined(chunks, "/candidates/0/content/parts/0/text")).isEqualTo(whole);
        assertThat(chunks.subList(0, 5)).allSatisfy(c -> {
            assertThat(c.at("/candidates/0/content/role").asText()).isEqualTo("model");
            assertThat(c.at("/candidates/0/finishReason").isMissingNode()).isTrue();
            assertThat(c.has("usageMetadata")).isFalse();
        });
        assertThat(chunks.getLast().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(chunks.getLast().at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(14);
    }

    @Test
    void streamWithoutSseIsOneJsonArray() throws Exception {
        JsonNode array = TestHttp.json(http.post(STREAM, HELLO));

        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(6);
        assertThat(array.get(5).at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(6);
    }

    @Test
    void functionDeclarationsGetAFunctionCall() throws Exception {
        String request = "{" + WEATHER_TOOL + """
                ,"contents":[{"role":"user","parts":[{"text":"weather?"}]}]}""";

        JsonNode body = TestHttp.json(http.post(GENERATE, request));
        JsonNode call = body.at("/candidates/0/content/parts/0/functionCall");
        assertThat(call.path("name").asText()).isEqualTo("get_weather");
        assertThat(call.path("args")).isEqualTo(TestHttp.JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");

        List<JsonNode> chunks = http.stream(STREAM + "?alt=sse", request).dataJson();
        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().at("/candidates/0/content/parts/0/functionCall")).isEqualTo(call);
        assertThat(chunks.getFirst().at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(5);

        JsonNode none = TestHttp.json(http.post(GENERATE, request.replace("{\"tools\"",
                "{\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"NONE\"}},\"tools\"")));
        assertThat(none.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Mock response to: weather?");
    }

    @Test
    void aFunctionResponseGetsTextQuotingIt() throws Exception {
        String request = "{" + WEATHER_TOOL + """
                ,"contents":[{"role":"user","parts":[{"text":"weather?"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"sky":"clear"}}}]}]}""";

        JsonNode body = TestHttp.json(http.post(GENERATE, request));

        assertThat(body.at("/candidates/0/content/parts/0/text").asText())
                .isEqualTo("Mock response to tool result: {\"sky\":\"clear\"}");
    }

    @Test
    void embeddingsMatchTheOpenAiVectors() throws Exception {
        JsonNode openAi = TestHttp.json(http.post("/v1/embeddings", "{\"input\":\"same text\"}"));

        JsonNode single = TestHttp.json(http.post("/v1beta/models/text-embedding-004:embedContent",
                "{\"content\":{\"parts\":[{\"text\":\"same text\"}]}}"));
        assertThat(single.at("/embedding/values")).isEqualTo(openAi.at("/data/0/embedding"));

        JsonNode batch = TestHttp.json(http.post("/v1beta/models/text-embedding-004:batchEmbedContents", """
                {"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"other"}]}},
                             {"model":"models/text-embedding-004","content":{"parts":[{"text":"same text"}]}}]}"""));
        assertThat(batch.path("embeddings")).hasSize(2);
        assertThat(batch.at("/embeddings/1/values")).isEqualTo(openAi.at("/data/0/embedding"));
        assertThat(batch.at("/embeddings/0/values")).isNotEqualTo(openAi.at("/data/0/embedding"));
    }

    @Test
    void errorsSpeakGoogleShape() throws Exception {
        HttpResponse<String> bad = http.post(GENERATE, "{\"contents\":[]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(bad).at("/error/code").asInt()).isEqualTo(400);
        assertThat(TestHttp.json(bad).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(TestHttp.json(bad).at("/error/message").asText()).startsWith("contents: [] (expected:");

        HttpResponse<String> limited = http.post(GENERATE, HELLO, "X-Mock-Status", "429");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(TestHttp.json(limited).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");

        http.mock().enqueue(MockFailure.status(503));
        HttpResponse<String> queued = http.post("/v1beta/models/e:embedContent", "{\"content\":{\"parts\":[]}}");
        assertThat(queued.statusCode()).isEqualTo(503);
        assertThat(TestHttp.json(queued).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void dropMidStreamCutsTheSseStream() throws Exception {
        http.mock().setTokenDelay(Duration.ofMillis(20));
        try {
            TestHttp.Stream stream = http.stream(STREAM + "?alt=sse", HELLO, "X-Mock-Drop", "mid_stream");

            assertThat(stream.failure()).isNotNull();
            assertThat(stream.dataJson()).hasSizeBetween(1, 5).noneMatch(c -> c.has("usageMetadata"));
        } finally {
            http.mock().setTokenDelay(Duration.ZERO);
        }
    }
}
