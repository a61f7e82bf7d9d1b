package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnthropicMessagesTest {

    private static final String REQUEST = """
            {"model":"claude-test","max_tokens":100,"system":"you are terse",
             "messages":[{"role":"user","content":[{"type":"text","text":"hi claude"}]}]}""";

    @RegisterExtension
    static final TestHttp http = TestHttp.withOwnMock();

    @Test
    void messageHasAnthropicShape() throws Exception {
        HttpResponse<String> response = http.post("/v1/messages", REQUEST);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(response);
        assertThat(body.path("id").asText()).startsWith("msg_mock_");
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("model").asText()).isEqualTo("claude-test");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Mock response to: hi claude");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.path("stop_sequence").isNull()).isTrue();
        // system 3 words + message 2 words + 3 per message
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(8);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void maxTokensCutsTheAnswer() throws Exception {
        JsonNode body = TestHttp.json(http.post("/v1/messages", REQUEST.replace("100", "2")));

        assertThat(body.at("/content/0/text").asText()).isEqualTo("Mock response");
        assertThat(body.path("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void missingRequiredFieldsAre400InAnthropicShape() throws Exception {
        for (String body : List.of(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "{\"model\":\"m\",\"max_tokens\":5}",
                "not json")) {
            HttpResponse<String> response = http.post("/v1/messages", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode error = TestHttp.json(response);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.at("/error/message").asText()).isNotBlank();
        }
    }

    @Test
    void streamFollowsTheEventSequence() throws Exception {
        TestHttp.Stream stream = http.stream("/v1/messages", REQUEST.replace("{", "{\"stream\":true,"));

        assertThat(stream.eventNames()).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        List<JsonNode> data = stream.dataJson();
        assertThat(data.getFirst().at("/message/usage/input_tokens").asInt()).isEqualTo(8);
        assertThat(TestHttp.joined(data, "/delta/text")).isEqualTo("Mock response to: hi claude");
        JsonNode messageDelta = data.get(data.size() - 2);
        assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void injectedStatusSpeaksAnthropicShape() throws Exception {
        http.mock().enqueue(MockFailure.status(529));

        HttpResponse<String> response = http.post("/v1/messages", REQUEST);

        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(TestHttp.json(response).at("/error/type").asText()).isEqualTo("overloaded_error");
    }
}
