package dev.tollgate.commons.llm.client;

import static dev.tollgate.commons.llm.client.AnthropicClientRequestTest.FORMAT;
import static dev.tollgate.commons.llm.client.AnthropicClientRequestTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;

class AnthropicClientResponseTest {

    /** As it goes on the wire: a long and an int of one value are different nodes but the same JSON. */
    static JsonNode wire(JsonNode node) {
        return json(Json.string(node));
    }

    @Test
    void aTextCompletionBecomesAMessage() {
        ObjectNode message = FORMAT.fromOpenAi(json("""
                {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,
                 "model":"gpt-4o-2024-08-06","choices":[{"index":0,
                   "message":{"role":"assistant","content":"The image shows a wooden boardwalk.","refusal":null,"annotations":[]},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1117,"completion_tokens":46,"total_tokens":1163,
                          "prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0}},
                 "service_tier":"default","system_fingerprint":"fp_fc9f1d7035"}"""));

        assertThat(wire(message)).isEqualTo(json("""
                {"id":"msg_B9MHDbslfkBeAs8l4bebGdFOJ6PeG","type":"message","role":"assistant","model":"gpt-4o-2024-08-06",
                 "content":[{"type":"text","text":"The image shows a wooden boardwalk."}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":93,"output_tokens":46,"cache_creation_input_tokens":0,"cache_read_input_tokens":1024}}"""));
    }

    @Test
    void toolCallsBecomeToolUseBlocksWithParsedInput() {
        ObjectNode message = FORMAT.fromOpenAi(json("""
                {"id":"chatcmpl-abc123","object":"chat.completion","created":1699896916,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_abc123","type":"function","function":{"name":"get_current_weather",
                    "arguments":"{\\n\\"location\\": \\"Boston, MA\\"\\n}"}},
                   {"id":"call_def456","type":"function","function":{"name":"broken","arguments":"{not json"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99}}"""));

        assertThat(message.get("content")).isEqualTo(json("""
                {"c":[{"type":"tool_use","id":"call_abc123","name":"get_current_weather","input":{"location":"Boston, MA"}},
                      {"type":"tool_use","id":"call_def456","name":"broken","input":{"_raw":"{not json"}}]}""").get("c"));
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void finishReasonsBecomeStopReasons() {
        String completion = "{\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"message\":{\"content\":\"a\"},\"finish_reason\":%s}]}";

        assertThat(FORMAT.fromOpenAi(json(completion.formatted("\"length\""))).get("stop_reason").asText())
                .isEqualTo("max_tokens");
        assertThat(FORMAT.fromOpenAi(json(completion.formatted("\"content_filter\""))).get("stop_reason").asText())
                .isEqualTo("refusal");
        assertThat(FORMAT.fromOpenAi(json(completion.formatted("null"))).get("stop_reason").asText())
                .isEqualTo("end_turn");
        assertThat(FORMAT.fromOpenAi(json(completion.formatted("null"))).get("id").asText()).isEqualTo("msg_x");
    }

    @Test
    void aRefusalIsTheText() {
        ObjectNode message = FORMAT.fromOpenAi(json("""
                {"id":"chatcmpl-1","model":"gpt-4o","choices":[{"index":0,
                  "message":{"role":"assistant","content":null,"refusal":"I can't help with that."},"finish_reason":"stop"}]}"""));

        assertThat(message.at("/content/0/text").asText()).isEqualTo("I can't help with that.");
        assertThat(message.at("/usage/output_tokens").asLong()).isZero();
    }

    @Test
    void errorsTakeAnthropicsTypeForTheStatus() {
        ObjectNode openAi = json("""
                {"error":{"message":"Incorrect API key provided: sk-abc.","type":"invalid_request_error","code":"invalid_api_key"}}""");

        assertThat(FORMAT.error(401, openAi)).isEqualTo(json("""
                {"type":"error","error":{"type":"authentication_error","message":"Incorrect API key provided: sk-abc."}}"""));
        assertThat(FORMAT.error(400, openAi).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(FORMAT.error(403, openAi).at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(FORMAT.error(404, openAi).at("/error/type").asText()).isEqualTo("not_found_error");
        assertThat(FORMAT.error(413, openAi).at("/error/type").asText()).isEqualTo("request_too_large");
        assertThat(FORMAT.error(429, openAi).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(FORMAT.error(500, openAi).at("/error/type").asText()).isEqualTo("api_error");
        assertThat(FORMAT.error(503, openAi).at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(FORMAT.error(529, openAi).at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(FORMAT.error(504, openAi).at("/error/type").asText()).isEqualTo("timeout_error");
        assertThat(FORMAT.error(502, Json.object())).isEqualTo(json("""
                {"type":"error","error":{"type":"api_error","message":"upstream answered 502"}}"""));
    }
}
