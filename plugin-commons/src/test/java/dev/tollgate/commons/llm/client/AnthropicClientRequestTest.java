package dev.tollgate.commons.llm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.Json;

class AnthropicClientRequestTest {
    static final AnthropicClientFormat FORMAT = AnthropicClientFormat.create();

    static ObjectNode json(String text) {
        ObjectNode node = Json.tryParseObject(text);
        assertThat(node).as("test JSON parses: %s", text).isNotNull();
        return node;
    }

    static JsonNode array(String text) {
        return json("{\"a\":" + text + "}").get("a");
    }

    static ObjectNode toOpenAi(String messagesRequest) {
        return FORMAT.toOpenAi(json(messagesRequest));
    }

    @Test
    void aPlainRequestMapsFieldByField() {
        ObjectNode chat = toOpenAi("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,"system":"You are terse.",
                 "messages":[{"role":"user","content":"Hello, Claude"}],
                 "temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["\\n\\nHuman:"],
                 "metadata":{"user_id":"user-42"},"stream":true,"thinking":{"type":"enabled","budget_tokens":2048}}""");

        assertThat(chat).isEqualTo(json("""
                {"model":"claude-sonnet-4-5",
                 "messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Hello, Claude"}],
                 "max_tokens":1024,"temperature":0.5,"top_p":0.9,"stop":["\\n\\nHuman:"],"stream":true,
                 "user":"user-42"}"""));
    }

    @Test
    void systemBlocksBecomeTextPartsAndCacheMarksAreDropped() {
        ObjectNode chat = toOpenAi("""
                {"max_tokens":10,"system":[{"type":"text","text":"Rules.","cache_control":{"type":"ephemeral"}},
                                           {"type":"text","text":"More rules."}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}]}""");

        assertThat(chat.get("messages")).isEqualTo(array("""
                [{"role":"system","content":[{"type":"text","text":"Rules."},{"type":"text","text":"More rules."}]},
                 {"role":"user","content":[{"type":"text","text":"Hi"}]}]"""));
        assertThat(chat.has("model")).isFalse();
    }

    @Test
    void aSystemMessageInTheConversationKeepsItsPlace() {
        ObjectNode chat = toOpenAi("""
                {"max_tokens":10,"system":"Be brief.","messages":[
                  {"role":"user","content":"Hi"},{"role":"assistant","content":"Hello."},
                  {"role":"system","content":[{"type":"text","text":"From now on, answer in French."}]},
                  {"role":"user","content":"How are you?"}]}""");

        assertThat(chat.get("messages")).isEqualTo(array("""
                [{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
                 {"role":"assistant","content":"Hello."},
                 {"role":"system","content":[{"type":"text","text":"From now on, answer in French."}]},
                 {"role":"user","content":"How are you?"}]"""));
    }

    @Test
    void imagesAndDocumentsBecomeImageUrlAndFileParts() {
        ObjectNode chat = toOpenAi("""
                {"max_tokens":10,"messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}},
                  {"type":"image","source":{"type":"url","url":"https://upload.example.org/ant.jpg"}},
                  {"type":"document","title":"paper.pdf","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"The grass is green."}},
                  {"type":"text","text":"Describe these."}]}]}""");

        assertThat(chat.at("/messages/0/content")).isEqualTo(array("""
                [{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}},
                 {"type":"image_url","image_url":{"url":"https://upload.example.org/ant.jpg"}},
                 {"type":"file","file":{"filename":"paper.pdf","file_data":"data:application/pdf;base64,JVBERi0="}},
                 {"type":"text","text":"The grass is green."},
                 {"type":"text","text":"Describe these."}]"""));
    }

    @Test
    void toolUseAndToolResultsBecomeToolCallsAndToolMessages() {
        ObjectNode chat = toOpenAi("""
                {"max_tokens":10,"messages":[
                  {"role":"user","content":"Weather in Paris? Show the radar."},
                  {"role":"assistant","content":[
                    {"type":"thinking","thinking":"Two tools.","signature":"sig"},
                    {"type":"text","text":"Let me check."},
                    {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}},
                    {"type":"tool_use","id":"toolu_02","name":"radar","input":{}}]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"toolu_01","content":"18C, cloudy"},
                    {"type":"tool_result","tool_use_id":"toolu_02","is_error":false,"content":[
                      {"type":"text","text":"radar image:"},
                      {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}]},
                    {"type":"text","text":"Thanks!"}]}]}""");

        assertThat(chat.get("messages")).isEqualTo(array("""
                [{"role":"user","content":"Weather in Paris? Show the radar."},
                 {"role":"assistant","content":"Let me check.","tool_calls":[
                   {"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                   {"id":"toolu_02","type":"function","function":{"name":"radar","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"toolu_01","content":"18C, cloudy"},
                 {"role":"tool","tool_call_id":"toolu_02","content":[{"type":"text","text":"radar image:"}]},
                 {"role":"user","content":[
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBOR"}},
                   {"type":"text","text":"Thanks!"}]}]"""));
    }

    @Test
    void anAssistantTurnOfToolUseOnlyHasNullContent() {
        ObjectNode chat = toOpenAi("""
                {"max_tokens":10,"messages":[{"role":"user","content":"x"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":{"a":1}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"t"}]}]}""");

        assertThat(chat.at("/messages/1/content").isNull()).isTrue();
        assertThat(chat.at("/messages/2")).isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"t\",\"content\":\"\"}"));
        assertThat(chat.get("messages")).hasSize(3);
    }

    @Test
    void toolsAndToolChoice() {
        String request = """
                {"max_tokens":10,"messages":[{"role":"user","content":"x"}],
                 "tools":[{"name":"get_weather","description":"Current weather",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},
                           "cache_control":{"type":"ephemeral"}}],
                 "tool_choice":%s}""";

        ObjectNode chat = toOpenAi(request.formatted("{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}"));
        assertThat(chat.get("tools")).isEqualTo(array("""
                [{"type":"function","function":{"name":"get_weather","description":"Current weather",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]"""));
        assertThat(chat.get("tool_choice")).isEqualTo(json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
        assertThat(chat.get("parallel_tool_calls").asBoolean()).isFalse();

        assertThat(toOpenAi(request.formatted("{\"type\":\"auto\"}")).get("tool_choice").asText()).isEqualTo("auto");
        assertThat(toOpenAi(request.formatted("{\"type\":\"any\"}")).get("tool_choice").asText()).isEqualTo("required");
        assertThat(toOpenAi(request.formatted("{\"type\":\"none\"}")).get("tool_choice").asText()).isEqualTo("none");
        assertThat(toOpenAi(request.formatted("{\"type\":\"auto\"}")).has("parallel_tool_calls")).isFalse();
    }

    @Test
    void anInvalidRequestIsRefusedNamingTheField() {
        assertThatThrownBy(() -> toOpenAi("{\"max_tokens\":10}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messages: missing (expected: an array of messages)");
        assertThatThrownBy(() -> toOpenAi("{\"max_tokens\":10,\"messages\":[]}"))
                .hasMessage("messages: [] (expected: at least one message)");
        assertThatThrownBy(() -> toOpenAi("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .hasMessage("max_tokens: missing (expected: an integer >= 1)");
        assertThatThrownBy(() -> toOpenAi("{\"max_tokens\":\"1024\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .hasMessage("max_tokens: \"1024\" (expected: an integer >= 1)");
        assertThatThrownBy(() -> toOpenAi("{\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .hasMessage("max_tokens: 0 (expected: an integer >= 1)");
        assertThatThrownBy(() -> toOpenAi("{\"max_tokens\":9,\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}"))
                .hasMessage("messages[0].role: \"tool\" (expected: \"user\", \"assistant\" or \"system\")");
        assertThatThrownBy(() -> toOpenAi("""
                {"max_tokens":9,"messages":[{"role":"system","content":[{"type":"image"}]}]}"""))
                .hasMessage("messages[0].content[0].type: \"image\" (expected: text)");
        assertThatThrownBy(() -> toOpenAi("{\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":7}]}"))
                .hasMessage("messages[0].content: 7 (expected: a string or an array of content blocks)");
        assertThatThrownBy(() -> toOpenAi("""
                {"max_tokens":9,"messages":[{"role":"user","content":[{"type":"text","text":"x"},{"type":"video"}]}]}"""))
                .hasMessage("messages[0].content[1].type: \"video\" (expected: text, image, document or tool_result)");
        assertThatThrownBy(() -> toOpenAi("""
                {"max_tokens":9,"temperature":"hot","messages":[{"role":"user","content":"x"}]}"""))
                .hasMessage("temperature: \"hot\" (expected: a number)");
        assertThatThrownBy(() -> toOpenAi("""
                {"max_tokens":9,"stop_sequences":"END","messages":[{"role":"user","content":"x"}]}"""))
                .hasMessage("stop_sequences: \"END\" (expected: an array of strings)");
        assertThatThrownBy(() -> toOpenAi("""
                {"max_tokens":9,"stream":"yes","messages":[{"role":"user","content":"x"}]}"""))
                .hasMessage("stream: \"yes\" (expected: true or false)");
        assertThatThrownBy(() -> toOpenAi("""
                {"max_tokens":9,"messages":[{"role":"user","content":"x"}],
                 "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5}]}"""))
                .hasMessageStartingWith("tools[0].type: \"web_search_20250305\" (expected: a custom tool");
        assertThatThrownBy(() -> toOpenAi("""
                {"max_tokens":9,"messages":[{"role":"user","content":"x"}],"tools":[{"name":"f"}]}"""))
                .hasMessage("tools[0].input_schema: missing (expected: a JSON schema object)");
        assertThatThrownBy(() -> toOpenAi("""
                {"max_tokens":9,"messages":[{"role":"user","content":"x"}],
                 "tools":[{"name":"f","input_schema":{}}],"tool_choice":{"type":"tool"}}"""))
                .hasMessage("tool_choice.name: missing (expected: a string)");
    }
}
