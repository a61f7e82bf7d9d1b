package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OllamaTest {

    private static final String HELLO = """
            {"model":"llama-test","messages":[{"role":"system","content":"be brief"},
             {"role":"user","content":"hello there world"}]}""";
    private static final String NOT_STREAMED = HELLO.replace("{\"model\"", "{\"stream\":false,\"model\"");

    @RegisterExtension
    static final TestHttp http = TestHttp.withOwnMock();

    @Test
    void chatWithoutStreamIsOneAnswer() throws Exception {
        HttpResponse<String> response = http.post("/api/chat", NOT_STREAMED);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = TestHttp.json(response);
        assertThat(body.path("model").asText()).isEqualTo("llama-test");
        assertThat(body.path("created_at").asText()).endsWith("Z");
        assertThat(body.at("/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/message/content").asText()).isEqualTo("Mock response to: hello there world");
        assertThat(body.path("done").asBoolean()).isTrue();
        assertThat(body.path("done_reason").asText()).isEqualTo("stop");
        // 2 + 3 words, plus 3 per message: counted as in OpenAI mode
        assertThat(body.path("prompt_eval_count").asInt()).isEqualTo(11);
        assertThat(body.path("eval_count").asInt()).isEqualTo(6);
        assertThat(body.path("total_duration").asLong()).isPositive();
    }

    @Test
    void chatStreamsNdjsonByDefault() throws Exception {
        TestHttp.Stream stream = http.stream("/api/chat", HELLO);

        assertThat(stream.failure()).isNull();
        assertThat(stream.response().headers().firstValue("content-type")).hasValue("application/x-ndjson");
        List<JsonNode> lines = stream.jsonLines();
        assertThat(lines).hasSize(7);
        assertThat(lines.subList(0, 6)).allSatisfy(line -> {
            assertThat(line.path("done").asBoolean()).isFalse();
            assertThat(line.at("/message/role").asText()).isEqualTo("assistant");
            assertThat(line.has("eval_count")).isFalse();
        });
        assertThat(TestHttp.joined(lines, "/message/content")).isEqualTo("Mock response to: hello there world");
        JsonNode last = lines.getLast();
        assertThat(last.path("done").asBoolean()).isTrue();
        assertThat(last.path("done_reason").asText()).isEqualTo("stop");
        assertThat(last.at("/message/content").asText()).isEmpty();
        assertThat(last.path("prompt_eval_count").asInt()).isEqualTo(11);
        assertThat(last.path("eval_count").asInt()).isEqualTo(6);
    }

    @Test
    void numPredictCutsTheAnswer() throws Exception {
        JsonNode body = TestHttp.json(http.post("/api/chat",
                NOT_STREAMED.replace("{\"stream\"", "{\"options\":{\"num_predict\":2},\"stream\"")));
        assertThat(body.at("/message/content").asText()).isEqualTo("Mock response");
        assertThat(body.path("done_reason").asText()).isEqualTo("length");

        JsonNode unlimited = TestHttp.json(http.post("/api/chat",
                NOT_STREAMED.replace("{\"stream\"", "{\"options\":{\"num_predict\":-1},\"stream\"")));
        assertThat(unlimited.path("eval_count").asInt()).isEqualTo(6);
    }

    @Test
    void toolsGetAToolCallAndAToolResultGetsText() throws Exception {
        String tools = """
                "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
                  "properties":{"city":{"type":"string"}},"required":["city"]}}}]""";
        String ask = "{\"model\":\"m\"," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}";

        JsonNode call = TestHttp.json(http.post("/api/chat", ask.replaceFirst("\\{", "{\"stream\":false,")));
        assertThat(call.at("/message/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(call.at("/message/tool_calls/0/function/arguments"))
                .isEqualTo(TestHttp.JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(call.path("done_reason").asText()).isEqualTo("stop");

        List<JsonNode> lines = http.stream("/api/chat", ask).jsonLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst().at("/message/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(lines.getLast().path("done").asBoolean()).isTrue();

        String answered = ask.replace("]}", ",{\"role\":\"tool\",\"content\":\"sunny\"}]}")
                .replaceFirst("\\{", "{\"stream\":false,");
        JsonNode text = TestHttp.json(http.post("/api/chat", answered));
        assertThat(text.at("/message/content").asText()).isEqualTo("Mock response to tool result: sunny");
    }

    @Test
    void embedAnswersTheOpenAiVectors() throws Exception {
        JsonNode openAi = TestHttp.json(http.post("/v1/embeddings", "{\"input\":[\"one two\",\"three\"]}"));

        JsonNode body = TestHttp.json(http.post("/api/embed",
                "{\"model\":\"all-minilm\",\"input\":[\"one two\",\"three\"]}"));

        assertThat(body.path("model").asText()).isEqualTo("all-minilm");
        assertThat(body.path("embeddings")).hasSize(2);
        assertThat(body.at("/embeddings/0")).isEqualTo(openAi.at("/data/0/embedding"));
        assertThat(body.at("/embeddings/1")).isEqualTo(openAi.at("/data/1/embedding"));
        assertThat(body.path("prompt_eval_count").asInt()).isEqualTo(3);
    }

    @Test
    void errorsSpeakOllamaShape() throws Exception {
        HttpResponse<String> noModel = http.post("/api/chat", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(noModel).path("error").asText()).startsWith("model: null (expected: a string");

        http.mock().enqueue(MockFailure.status(503));
        HttpResponse<String> injected = http.post("/api/embed", "{\"model\":\"m\",\"input\":\"x\"}");
        assertThat(injected.statusCode()).isEqualTo(503);
        assertThat(injected.body()).isEqualTo("{\"error\":\"mock failure: injected status 503\"}");
    }

    @Test
    void dropMidStreamCutsTheNdjson() throws Exception {
        http.mock().setTokenDelay(Duration.ofMillis(20));
        try {
            TestHttp.Stream stream = http.stream("/api/chat", HELLO, "X-Mock-Drop", "mid_stream");

            assertThat(stream.failure()).isNotNull();
            assertThat(stream.jsonLines()).hasSizeBetween(1, 6).noneMatch(line -> line.path("done").asBoolean());
        } finally {
            http.mock().setTokenDelay(Duration.ZERO);
        }
    }
}
