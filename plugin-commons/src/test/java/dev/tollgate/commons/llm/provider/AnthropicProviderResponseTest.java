package dev.tollgate.commons.llm.provider;

import static dev.tollgate.commons.llm.provider.AnthropicProviderRequestTest.PROVIDER;
import static dev.tollgate.commons.llm.provider.AnthropicProviderRequestTest.TARGET;
import static dev.tollgate.commons.llm.provider.AnthropicProviderRequestTest.json;
import static dev.tollgate.commons.llm.provider.AnthropicProviderRequestTest.wire;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;

class AnthropicProviderResponseTest {
    static final String TEXT_MESSAGE = """
            {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",
             "content":[{"type":"text","text":"Hello"},{"type":"text","text":", world."}],
             "model":"claude-sonnet-4-5-20250929","stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,
                      "output_tokens":6,"service_tier":"standard"}}""";

    static final String TOOL_MESSAGE = """
            {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[
               {"type":"thinking","thinking":"The user wants weather.","signature":"EqQBCgIYAhIM"},
               {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather",
                "input":{"city":"Paris","unit":"celsius"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":472,"output_tokens":89,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}""";

    static ObjectNode completion(String message) {
        return PROVIDER.response(RouteType.CHAT, json(message), TARGET);
    }

    @Test
    void textBlocksAreJoinedAndUsageCountsCacheReadsAndWrites() {
        ObjectNode out = completion(TEXT_MESSAGE);

        assertThat(out.get("id").asText()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(out.get("object").asText()).isEqualTo("chat.completion");
        assertThat(out.get("created").asLong()).isPositive();
        assertThat(out.get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(out.at("/choices/0/message")).isEqualTo(json("""
                {"role":"assistant","content":"Hello, world.","refusal":null}"""));
        assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(wire(out.get("usage"))).isEqualTo(json("""
                {"prompt_tokens":2112,"completion_tokens":6,"total_tokens":2118,
                 "prompt_tokens_details":{"cached_tokens":2000}}"""));
    }

    @Test
    void toolUseBecomesToolCallsWithArgumentsAsAJsonString() {
        JsonNode message = completion(TOOL_MESSAGE).at("/choices/0/message");

        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.get("tool_calls")).isEqualTo(json("""
                {"t":[{"id":"toolu_01A09q90qw90lq917835lq9","type":"function",
                       "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}}]}""")
                .get("t"));
        assertThat(completion(TOOL_MESSAGE).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void stopReasonsMapToFinishReasons() {
        String message = "{\"type\":\"message\",\"content\":[],\"stop_reason\":\"%s\"}";

        assertThat(completion(message.formatted("max_tokens")).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(completion(message.formatted("stop_sequence")).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(completion(message.formatted("refusal")).at("/choices/0/finish_reason").asText())
                .isEqualTo("content_filter");
        assertThat(completion(message.formatted("end_turn")).get("model").asText()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void usageIsReadFromTheNativeBodyForEveryRouteType() {
        TokenUsage expected = new TokenUsage(2112, 6, 2000);

        assertThat(PROVIDER.usage(RouteType.CHAT, json(TEXT_MESSAGE))).contains(expected);
        assertThat(PROVIDER.usage(RouteType.PRESERVE, json(TEXT_MESSAGE))).contains(expected);
        assertThat(PROVIDER.usage(RouteType.PRESERVE, json("{\"type\":\"message\"}"))).isEmpty();
        assertThat(PROVIDER.response(RouteType.PRESERVE, json(TOOL_MESSAGE), TARGET).at("/usage/total_tokens").asLong())
                .isEqualTo(561);
    }

    @Test
    void errorsKeepTheMessageAndMapTheType() {
        assertThat(error(529, """
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011"}"""))
                .isEqualTo(json("{\"error\":{\"message\":\"Overloaded\",\"type\":\"api_error\",\"code\":\"overloaded_error\"}}"));
        assertThat(error(400, """
                {"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}"""))
                .isEqualTo(json("""
                        {"error":{"message":"max_tokens: Field required","type":"invalid_request_error",
                                  "code":"invalid_request_error"}}"""));
        assertThat(error(401, """
                {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""")
                .at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(error(404, """
                {"type":"error","error":{"type":"not_found_error","message":"model: claude-x"}}""")
                .at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(error(429, """
                {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded"}}""")
                .at("/error/type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void aBodyThatIsNotAnAnthropicErrorIsDescribedByItsStatus() {
        assertThat(error(502, "<html><body>Bad Gateway</body></html>")).isEqualTo(json("""
                {"error":{"message":"anthropic answered 502: <html><body>Bad Gateway</body></html>",
                          "type":"api_error","code":null}}"""));
        assertThat(error(503, "").at("/error/message").asText()).isEqualTo("anthropic answered 503");
    }

    static ObjectNode error(int status, String body) {
        return PROVIDER.error(status, body.getBytes(StandardCharsets.UTF_8));
    }
}
