package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiChatTest {

    private static final String HELLO = """
            {"model":"gpt-test","messages":[
              {"role":"system","content":"be brief"},
              {"role":"user","content":"hello   there world"}]}""";

    @RegisterExtension
    static final TestHttp http = TestHttp.withOwnMock();

    @BeforeEach
    void reset() {
        http.mock().setTokenDelay(Duration.ZERO);
    }

    @Test
    void completionHasOpenAiShapeAndConsistentUsage() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = TestHttp.json(response);
        assertThat(body.path("id").asText()).startsWith("chatcmpl-mock-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("model").asText()).isEqualTo("gpt-test");
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Mock response to: hello there world");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = body.path("usage");
        // 2 + 3 words, plus 3 per message
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(11);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(6);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(17);
    }

    @Test
    void answerIsDeterministicAndModelDefaults() throws Exception {
        String request = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"parts work\"}]}]}";
        JsonNode first = TestHttp.json(http.post("/v1/chat/completions", request));
        JsonNode second = TestHttp.json(http.post("/v1/chat/completions", request));

        assertThat(first.path("model").asText()).isEqualTo("mock-gpt");
        assertThat(first.at("/choices/0/message/content")).isEqualTo(second.at("/choices/0/message/content"));
        assertThat(first.at("/choices/0/message/content").asText()).isEqualTo("Mock response to: parts work");
        assertThat(first.path("id")).isNotEqualTo(second.path("id"));
    }

    @Test
    void mockTokensAndMaxTokensShapeTheLength() throws Exception {
        JsonNode exact = TestHttp.json(http.post("/v1/chat/completions",
                "{\"mock_tokens\":200,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));
        assertThat(exact.at("/choices/0/message/content").asText().split(" ")).hasSize(200);
        assertThat(exact.at("/usage/completion_tokens").asInt()).isEqualTo(200);
        assertThat(exact.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

        JsonNode capped = TestHttp.json(http.post("/v1/chat/completions",
                "{\"mock_tokens\":50,\"max_tokens\":7,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));
        assertThat(capped.at("/usage/completion_tokens").asInt()).isEqualTo(7);
        assertThat(capped.at("/choices/0/finish_reason").asText()).isEqualTo("length");

        JsonNode newName = TestHttp.json(http.post("/v1/chat/completions",
                "{\"max_completion_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));
        assertThat(newName.at("/choices/0/message/content").asText()).isEqualTo("Mock response");
    }

    @Test
    void anyPathEndingInChatCompletionsIsServed() throws Exception {
        HttpResponse<String> response = http.post("/openai/deployments/x/chat/completions?api-version=1", HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(response).path("object").asText()).isEqualTo("chat.completion");
    }

    @Test
    void malformedJsonAndMissingMessagesAre400() throws Exception {
        HttpResponse<String> malformed = http.post("/v1/chat/completions", "{\"messages\":[");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(malformed).at("/error/message").asText()).startsWith("invalid JSON body");
        assertThat(TestHttp.json(malformed).at("/error/type").asText()).isEqualTo("invalid_request_error");

        for (String body : List.of("{}", "{\"messages\":[]}", "{\"messages\":\"hi\"}", "[1]")) {
            HttpResponse<String> response = http.post("/v1/chat/completions", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(TestHttp.json(response).at("/error/message").asText()).as(body).isNotBlank();
        }
        HttpResponse<String> badMax = http.post("/v1/chat/completions",
                "{\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(TestHttp.json(badMax).at("/error/message").asText()).startsWith("max_tokens: 0 (expected:");
    }

    @Test
    void streamSendsOneChunkPerWordAndEndsWithDone() throws Exception {
        String request = HELLO.replace("\"model\"", "\"stream\":true,\"model\"");
        TestHttp.Stream stream = http.stream("/v1/chat/completions", request);

        assertThat(stream.failure()).isNull();
        assertThat(stream.response().headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(stream.lines().getLast()).isEqualTo("data: [DONE]");
        List<JsonNode> chunks = stream.dataJson();
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        // role chunk, 6 words, finish chunk; no usage chunk unless asked
        assertThat(chunks).hasSize(8);
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks).noneMatch(c -> c.has("usage") && !c.get("usage").isNull());
    }

    @Test
    void streamedTextEqualsNonStreamedContent() throws Exception {
        String request = "{\"mock_tokens\":40,\"messages\":[{\"role\":\"user\",\"content\":\"compare  me\"}]}";
        String content = TestHttp.json(http.post("/v1/chat/completions", request))
                .at("/choices/0/message/content").asText();

        TestHttp.Stream stream = http.stream("/v1/chat/completions", request.replace("{", "{\"stream\":true,"));
        assertThat(TestHttp.joined(stream.dataJson(), "/choices/0/delta/content")).isEqualTo(content);
    }

    @Test
    void usageChunkComesLastWhenAsked() throws Exception {
        String request = """
                {"stream":true,"stream_options":{"include_usage":true},"max_tokens":4,
                 "messages":[{"role":"user","content":"count me in"}]}""";
        List<JsonNode> chunks = http.stream("/v1/chat/completions", request).dataJson();

        JsonNode last = chunks.getLast();
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(4);
        assertThat(last.at("/usage/prompt_tokens").asInt()).isEqualTo(6);
        assertThat(last.at("/usage/total_tokens").asInt()).isEqualTo(10);
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void noUsageHeaderLeavesUsageOutOfJsonAndStream() throws Exception {
        JsonNode body = TestHttp.json(http.post("/v1/chat/completions", HELLO, "X-Mock-No-Usage", "true"));
        assertThat(body.has("usage")).isFalse();
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Mock response to: hello there world");

        String request = """
                {"stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"count me in"}]}""";
        TestHttp.Stream stream = http.stream("/v1/chat/completions", request, "X-Mock-No-Usage", "1");
        assertThat(stream.dataJson()).noneMatch(c -> c.has("usage"));
        assertThat(stream.dataJson().getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(stream.lines().getLast()).isEqualTo("data: [DONE]");
    }

    @Test
    void streamedEventsArriveSpreadOverTime() throws Exception {
        http.mock().setTokenDelay(Duration.ofMillis(50));
        String request = "{\"stream\":true,\"mock_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"slow\"}]}";

        TestHttp.Stream stream = http.stream("/v1/chat/completions", request);

        List<Long> arrivals = stream.arrivalNanos();
        long spreadMs = (arrivals.getLast() - arrivals.getFirst()) / 1_000_000;
        // 9 pauses of 50 ms between 10 words: a buffered answer would arrive all at once
        assertThat(spreadMs).isGreaterThanOrEqualTo(350);
        assertThat(stream.lines().getLast()).isEqualTo("data: [DONE]");
    }

    @Test
    void aRequestCanPaceItsOwnStream() throws Exception {
        http.mock().setTokenDelay(Duration.ofMillis(200));
        // 10 words 30 ms apart: well under the server's 9 x 200 ms.
        TestHttp.Stream paced = http.stream("/v1/chat/completions",
                "{\"stream\":true,\"mock_tokens\":10,\"mock_token_delay_ms\":30,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        long spreadMs = (paced.arrivalNanos().getLast() - paced.arrivalNanos().getFirst()) / 1_000_000;
        assertThat(spreadMs).isBetween(200L, 1500L);
        assertThat(paced.lines().getLast()).isEqualTo("data: [DONE]");
        // 0: no pause at all, whatever the server's delay.
        TestHttp.Stream burst = http.stream("/v1/chat/completions",
                "{\"stream\":true,\"mock_tokens\":50,\"mock_token_delay_ms\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat((burst.arrivalNanos().getLast() - burst.arrivalNanos().getFirst()) / 1_000_000).isLessThan(1000);
        var bad = http.post("/v1/chat/completions", "{\"mock_token_delay_ms\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("mock_token_delay_ms");
    }
}
