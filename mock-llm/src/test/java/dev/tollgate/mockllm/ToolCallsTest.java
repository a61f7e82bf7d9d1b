package dev.tollgate.mockllm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ToolCallsTest {

    private static final String WEATHER_SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"},
             "unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city","unit"]}""";
    private static final String OPENAI_TOOLS = """
            "tools":[{"type":"function","function":{"name":"get_weather","parameters":%s}},
                     {"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}]"""
            .formatted(WEATHER_SCHEMA);
    private static final String OPENAI_ASK = """
            {"model":"gpt-test",%s,"messages":[{"role":"user","content":"weather in Paris?"}]}"""
            .formatted(OPENAI_TOOLS);
    private static final String ANTHROPIC_ASK = """
            {"model":"claude-test","max_tokens":100,"tools":[{"name":"get_weather","input_schema":%s}],
             "messages":[{"role":"user","content":"weather in Paris?"}]}""".formatted(WEATHER_SCHEMA);

    @RegisterExtension
    static final TestHttp http = TestHttp.withOwnMock();

    @Test
    void openAiCallsTheFirstToolWithItsRequiredArguments() throws Exception {
        JsonNode body = TestHttp.json(http.post("/v1/chat/completions", OPENAI_ASK));

        JsonNode message = body.at("/choices/0/message");
        assertThat(message.path("content").isNull()).isTrue();
        JsonNode call = message.at("/tool_calls/0");
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(call.at("/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        // {" city ":" Paris "," unit ":" celsius "}
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(9);
    }

    @Test
    void openAiToolChoiceNamesTheToolOrForbidsCalls() throws Exception {
        JsonNode named = TestHttp.json(http.post("/v1/chat/completions", OPENAI_ASK.replace("\"tools\"",
                "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}},\"tools\"")));
        assertThat(named.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("get_time");
        assertThat(named.at("/choices/0/message/tool_calls/0/function/arguments").asText()).isEqualTo("{}");

        JsonNode none = TestHttp.json(http.post("/v1/chat/completions",
                OPENAI_ASK.replace("\"tools\"", "\"tool_choice\":\"none\",\"tools\"")));
        assertThat(none.at("/choices/0/message/content").asText()).isEqualTo("Mock response to: weather in Paris?");
        assertThat(none.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

        HttpResponse<String> unknown = http.post("/v1/chat/completions", OPENAI_ASK.replace("\"tools\"",
                "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"nope\"}},\"tools\""));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(unknown).at("/error/message").asText()).startsWith("tool choice: nope (expected:");
    }

    @Test
    void openAiAnswersAToolResultWithTextQuotingIt() throws Exception {
        String request = """
                {%s,"messages":[{"role":"user","content":"weather in Paris?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                  "function":{"name":"get_weather","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"sunny, 21 degrees"}]}""".formatted(OPENAI_TOOLS);
        JsonNode body = TestHttp.json(http.post("/v1/chat/completions", request));

        assertThat(body.at("/choices/0/message/content").asText())
                .isEqualTo("Mock response to tool result: sunny, 21 degrees");
        assertThat(body.at("/choices/0/message/tool_calls").isMissingNode()).isTrue();
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        // 3 words + 0 words + 3 words, plus 3 per message
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(15);
    }

    @Test
    void openAiStreamsTheCallAsOpenAiDoes() throws Exception {
        String request = OPENAI_ASK.replaceFirst("\\{", "{\"stream\":true,\"stream_options\":{\"include_usage\":true},");
        TestHttp.Stream stream = http.stream("/v1/chat/completions", request);

        List<JsonNode> chunks = stream.dataJson();
        JsonNode first = chunks.getFirst().at("/choices/0/delta");
        assertThat(first.path("role").asText()).isEqualTo("assistant");
        JsonNode opening = first.at("/tool_calls/0");
        assertThat(opening.path("index").asInt()).isZero();
        assertThat(opening.path("id").asText()).startsWith("call_");
        assertThat(opening.path("type").asText()).isEqualTo("function");
        assertThat(opening.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(opening.at("/function/arguments").asText()).isEmpty();
        assertThat(chunks.subList(1, chunks.size() - 2)).hasSize(9);
        assertThat(TestHttp.joined(chunks, "/choices/0/delta/tool_calls/0/function/arguments"))
                .isEqualTo("{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(chunks.getLast().at("/usage/completion_tokens").asInt()).isEqualTo(9);
        assertThat(stream.lines().getLast()).isEqualTo("data: [DONE]");
    }

    @Test
    void anthropicAnswersWithAToolUseBlock() throws Exception {
        JsonNode body = TestHttp.json(http.post("/v1/messages", ANTHROPIC_ASK));

        JsonNode block = body.at("/content/0");
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("id").asText()).startsWith("toolu_");
        assertThat(block.path("name").asText()).isEqualTo("get_weather");
        assertThat(block.path("input")).isEqualTo(TestHttp.JSON.readTree("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(9);

        JsonNode none = TestHttp.json(http.post("/v1/messages",
                ANTHROPIC_ASK.replace("\"tools\"", "\"tool_choice\":{\"type\":\"none\"},\"tools\"")));
        assertThat(none.at("/content/0/type").asText()).isEqualTo("text");
    }

    @Test
    void anthropicStreamsToolUseAsTheDocsShow() throws Exception {
        TestHttp.Stream stream = http.stream("/v1/messages", ANTHROPIC_ASK.replaceFirst("\\{", "{\"stream\":true,"));

        assertThat(stream.eventNames().stream().distinct()).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        List<JsonNode> data = stream.dataJson();
        JsonNode block = data.get(1).path("content_block");
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("name").asText()).isEqualTo("get_weather");
        assertThat(block.path("input")).isEmpty();
        assertThat(data.subList(2, data.size() - 3)).hasSize(10)
                .allSatisfy(d -> assertThat(d.at("/delta/type").asText()).isEqualTo("input_json_delta"));
        // Anthropic's own streams open the input with an empty fragment.
        assertThat(data.get(2).at("/delta/partial_json").asText()).isEmpty();
        assertThat(TestHttp.joined(data, "/delta/partial_json"))
                .isEqualTo("{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        JsonNode messageDelta = data.get(data.size() - 2);
        assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(9);
    }

    @Test
    void anthropicAnswersAToolResultWithText() throws Exception {
        String request = """
                {"model":"claude-test","max_tokens":100,"tools":[{"name":"get_weather","input_schema":%s}],
                 "messages":[{"role":"user","content":"weather in Paris?"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
                    "content":[{"type":"text","text":"rain, 12 degrees"}]}]}]}""".formatted(WEATHER_SCHEMA);
        JsonNode body = TestHttp.json(http.post("/v1/messages", request));

        assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Mock response to tool result: rain, 12 degrees");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void argumentsFollowTheSchemaTypes() throws Exception {
        JsonNode schema = TestHttp.JSON.readTree("""
                {"type":"OBJECT","required":["when","tags","limit","ratio","on","nested","maybe","missing"],
                 "properties":{"when":{"type":"string","format":"date"},
                  "tags":{"type":"array","items":{"type":"string"}},
                  "limit":{"type":"integer"},"ratio":{"type":"number"},"on":{"type":"boolean"},
                  "nested":{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]},
                  "maybe":{"type":["null","string"]},"free":{"type":"string"}}}""");

        assertThat(ToolCalls.arguments(schema)).hasToString("{\"when\":\"2024-06-01\",\"tags\":[\"Paris\"],"
                + "\"limit\":3,\"ratio\":21.5,\"on\":true,\"nested\":{\"id\":3},\"maybe\":\"Paris\",\"missing\":null}");
        assertThat(ToolCalls.arguments(null)).hasToString("{}");
        assertThat(String.join("", ToolCalls.pieces("{\"a b\":[1,2.5]}"))).isEqualTo("{\"a b\":[1,2.5]}");
    }
}
