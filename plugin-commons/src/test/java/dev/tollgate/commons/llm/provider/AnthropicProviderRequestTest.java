package dev.tollgate.commons.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;
import dev.tollgate.commons.llm.RouteType;

class AnthropicProviderRequestTest {
    static final AnthropicProvider PROVIDER = new AnthropicProvider();
    static final ModelTarget TARGET = new ModelTarget("anthropic", "claude-sonnet-4-5", null);

    static ObjectNode json(String text) {
        return Json.tryParseObject(text);
    }

    /** The node as it goes on the wire: a long and an int of one value are different nodes but the same JSON. */
    static JsonNode wire(JsonNode node) {
        return json(Json.string(node));
    }

    static ProviderRequest call(String openAiRequest, boolean stream) {
        return PROVIDER.request(RouteType.CHAT, json(openAiRequest), TARGET, stream);
    }

    static JsonNode sent(String openAiRequest) {
        return Json.parseObject(call(openAiRequest, false).body());
    }

    @Test
    void callsTheMessagesEndpointWithTheVersionHeader() {
        ProviderRequest request = call("""
                {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""", false);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString("https://api.anthropic.com/v1/messages");
        assertThat(request.headers()).containsExactly(Map.entry("anthropic-version", "2023-06-01"));
        assertThat(PROVIDER.authHeader("sk-ant-1")).isEqualTo(Map.entry("x-api-key", "sk-ant-1"));
    }

    @Test
    void upstreamUrlAndVersionComeFromTheOptions() {
        ModelOptions options = new ModelOptions(Optional.of("http://mock:9000/v1/messages"), Optional.of("2024-01-01"),
                Optional.empty(), Optional.empty(), Optional.empty());
        ProviderRequest request = PROVIDER.request(RouteType.CHAT,
                json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"),
                new ModelTarget("anthropic", "m", options), false);

        assertThat(request.uri()).hasToString("http://mock:9000/v1/messages");
        assertThat(request.headers()).containsEntry("anthropic-version", "2024-01-01");
    }

    @Test
    void aPlainChatBecomesSystemMessagesAndDefaults() {
        JsonNode body = sent("""
                {"model":"claude-sonnet-4-5",
                 "messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Hi"}],
                 "temperature":0.2,"top_p":0.9,"stop":"END","user":"alice",
                 "frequency_penalty":0.5,"seed":7,"stream_options":{"include_usage":true}}""");

        assertThat(body).isEqualTo(json("""
                {"model":"claude-sonnet-4-5","system":"You are terse.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                 "max_tokens":4096,"temperature":0.2,"top_p":0.9,"stop_sequences":["END"],
                 "metadata":{"user_id":"alice"}}"""));
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokensAndStreamIsSet() {
        ProviderRequest request = call("""
                {"model":"m","max_tokens":100,"max_completion_tokens":200,"stop":["a","b"],
                 "messages":[{"role":"user","content":"Hi"}]}""", true);
        JsonNode body = Json.parseObject(request.body());

        assertThat(body.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("stop_sequences")).isEqualTo(Json.MAPPER.createArrayNode().add("a").add("b"));
    }

    @Test
    void severalSystemAndDeveloperMessagesBecomeSystemBlocksWhereverTheyStand() {
        JsonNode body = sent("""
                {"model":"m","messages":[
                  {"role":"system","content":"Rule one."},
                  {"role":"user","content":"Hi"},
                  {"role":"developer","content":[{"type":"text","text":"Rule two.","cache_control":{"type":"ephemeral"}}]}]}""");

        assertThat(body.get("system")).isEqualTo(Json.MAPPER.valueToTree(List.of(
                Map.of("type", "text", "text", "Rule one."),
                Map.of("type", "text", "text", "Rule two.", "cache_control", Map.of("type", "ephemeral")))));
        assertThat(body.get("messages")).hasSize(1);
    }

    @Test
    void consecutiveSameRoleMessagesAreMerged() {
        JsonNode body = sent("""
                {"model":"m","messages":[
                  {"role":"user","content":"one"},{"role":"user","content":[{"type":"text","text":"two"}]},
                  {"role":"assistant","content":"three"},{"role":"assistant","content":"four"},
                  {"role":"user","content":"five"}]}""");

        assertThat(body.get("messages")).isEqualTo(json("""
                {"m":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
                      {"role":"assistant","content":[{"type":"text","text":"three"},{"type":"text","text":"four"}]},
                      {"role":"user","content":[{"type":"text","text":"five"}]}]}""").get("m"));
    }

    @Test
    void imagesBecomeBase64OrUrlSources() {
        JsonNode body = sent("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"text","text":"What is in these?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]}""");

        assertThat(body.at("/messages/0/content")).isEqualTo(json("""
                {"c":[{"type":"text","text":"What is in these?"},
                      {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                      {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]}""").get("c"));
    }

    @Test
    void anInlinePdfBecomesADocument() {
        JsonNode body = sent("""
                {"model":"m","messages":[{"role":"user","content":[
                  {"type":"file","file":{"filename":"report.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]}""");

        assertThat(body.at("/messages/0/content/0")).isEqualTo(json("""
                {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="},
                 "title":"report.pdf"}"""));
    }

    @Test
    void toolCallsAndToolResultsBecomeToolUseAndToolResultBlocks() {
        JsonNode body = sent("""
                {"model":"m","messages":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":"","tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18C"},
                  {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"24C"}]},
                  {"role":"user","content":"Which is warmer?"}]}""");

        assertThat(body.get("messages")).isEqualTo(json("""
                {"m":[{"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},
                  {"role":"assistant","content":[
                    {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},
                    {"type":"tool_use","id":"call_2","name":"get_weather","input":{"city":"Rome"}}]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"call_1","content":"18C"},
                    {"type":"tool_result","tool_use_id":"call_2","content":[{"type":"text","text":"24C"}]},
                    {"type":"text","text":"Which is warmer?"}]}]}""").get("m"));
    }

    @Test
    void functionToolsAndToolChoiceAreTranslated() {
        JsonNode body = sent("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
                             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
                          {"type":"function","function":{"name":"now"}}],
                 "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false}""");

        assertThat(body.get("tools")).isEqualTo(json("""
                {"t":[{"name":"get_weather","description":"Current weather",
                       "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                      {"name":"now","input_schema":{"type":"object","properties":{}}}]}""").get("t"));
        assertThat(body.get("tool_choice")).isEqualTo(json("""
                {"type":"tool","name":"get_weather","disable_parallel_tool_use":true}"""));
    }

    @Test
    void toolChoiceWords() {
        String request = """
                {"model":"m","messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"%s"}""";

        assertThat(sent(request.formatted("auto")).get("tool_choice")).isEqualTo(json("{\"type\":\"auto\"}"));
        assertThat(sent(request.formatted("required")).get("tool_choice")).isEqualTo(json("{\"type\":\"any\"}"));
        assertThat(sent(request.formatted("none")).get("tool_choice")).isEqualTo(json("{\"type\":\"none\"}"));
    }

    @Test
    void preserveSendsTheBodyUnchanged() {
        String anthropic = """
                {"model":"claude-sonnet-4-5","max_tokens":50,"system":"s","messages":[{"role":"user","content":"Hi"}],
                 "thinking":{"type":"enabled","budget_tokens":1024}}""";
        ProviderRequest request = PROVIDER.request(RouteType.PRESERVE, json(anthropic), TARGET, false);

        assertThat(Json.parseObject(request.body())).isEqualTo(json(anthropic));
        assertThat(request.headers()).containsKey("anthropic-version");
    }

    @Test
    void embeddingsAreRefused() {
        assertThatThrownBy(() -> PROVIDER.request(RouteType.EMBEDDINGS, json("{\"input\":\"x\"}"), TARGET, false))
                .isInstanceOf(UnsupportedRequestException.class)
                .hasMessage("anthropic has no embeddings API");
    }

    @Test
    void requestsAnthropicCannotHonourAreRefusedNamingTheField() {
        String base = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],%s}";

        assertThatThrownBy(() -> sent(base.formatted("\"n\":2"))).hasMessageStartingWith("n: 2");
        assertThatThrownBy(() -> sent(base.formatted("\"response_format\":{\"type\":\"json_object\"}")))
                .hasMessageContaining("response_format: json_object");
        assertThatThrownBy(() -> sent(base.formatted("\"max_tokens\":\"ten\"")))
                .hasMessage("max_tokens: \"ten\" (expected: an integer >= 1)");
        assertThatThrownBy(() -> sent("{\"model\":\"m\",\"messages\":[]}"))
                .hasMessage("messages: [] (expected: a non-empty array of messages)");
        assertThatThrownBy(() -> sent("{\"model\":\"m\",\"messages\":[{\"role\":\"critic\",\"content\":\"x\"}]}"))
                .hasMessage("messages[0].role: \"critic\" (expected: system, developer, user, assistant or tool)");
        assertThatThrownBy(() -> sent("""
                {"model":"m","messages":[{"role":"assistant","tool_calls":[
                  {"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}"""))
                .hasMessageStartingWith("messages[0].tool_calls[0].function.arguments: \"{oops\"");
        assertThatThrownBy(() -> sent("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]}"""))
                .isInstanceOf(UnsupportedRequestException.class)
                .hasMessageContaining("audio");
    }
}
