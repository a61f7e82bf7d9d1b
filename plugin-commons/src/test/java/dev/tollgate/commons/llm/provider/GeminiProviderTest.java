package dev.tollgate.commons.llm.provider;

import static dev.tollgate.commons.llm.provider.Canned.body;
import static dev.tollgate.commons.llm.provider.Canned.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.sse.SseEvent;

class GeminiProviderTest {
    static final Provider GEMINI = new GeminiProvider();
    static final ModelTarget FLASH = new ModelTarget("gemini", "gemini-2.5-flash", ModelOptions.NONE);
    static final String HELLO = """
            {"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Bonjour"}]}""";

    static ObjectNode sent(String openAiRequest) {
        return body(GEMINI.request(RouteType.CHAT, json(openAiRequest), FLASH, false));
    }

    @Test
    void aConversationBecomesContentsWithSystemInstructionToolsAndGenerationConfig() {
        ObjectNode sent = sent("""
                {"model":"gemini-2.5-flash","user":"u-1","store":true,
                 "messages":[
                   {"role":"system","content":"Tu es un assistant météo."},
                   {"role":"user","content":[{"type":"text","text":"Quel temps à Paris ? Voici le ciel :"},
                                             {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
                   {"role":"assistant","content":null,"tool_calls":[
                     {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"},
                      "extra_content":{"google":{"thought_signature":"CiQB0e2K"}}},
                     {"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},
                   {"role":"tool","tool_call_id":"call_a","content":"{\\"temp\\":18}"},
                   {"role":"tool","tool_call_id":"call_b","content":"14:05"},
                   {"role":"assistant","content":"18 °C et il est 14 h 05."},
                   {"role":"user","content":"Merci"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Météo d'une ville",
                           "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"],"additionalProperties":false},"strict":true}},
                          {"type":"function","function":{"name":"get_time"}}],
                 "tool_choice":"required",
                 "temperature":0.4,"top_p":0.9,"max_completion_tokens":512,"max_tokens":99,"stop":"FIN","n":1,"seed":7,
                 "response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"}}}}""");

        assertThat(sent).isEqualTo(json("""
                {"systemInstruction":{"parts":[{"text":"Tu es un assistant météo."}]},
                 "contents":[
                   {"role":"user","parts":[{"text":"Quel temps à Paris ? Voici le ciel :"},
                                           {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]},
                   {"role":"model","parts":[
                     {"functionCall":{"name":"get_weather","args":{"location":"Paris"}},"thoughtSignature":"CiQB0e2K"},
                     {"functionCall":{"name":"get_time","args":{}}}]},
                   {"role":"user","parts":[
                     {"functionResponse":{"name":"get_weather","response":{"temp":18}}},
                     {"functionResponse":{"name":"get_time","response":{"content":"14:05"}}}]},
                   {"role":"model","parts":[{"text":"18 °C et il est 14 h 05."}]},
                   {"role":"user","parts":[{"text":"Merci"}]}],
                 "tools":[{"functionDeclarations":[
                   {"name":"get_weather","description":"Météo d'une ville",
                    "parametersJsonSchema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"],"additionalProperties":false}},
                   {"name":"get_time"}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"ANY"}},
                 "generationConfig":{"temperature":0.4,"topP":0.9,"maxOutputTokens":512,"stopSequences":["FIN"],
                   "candidateCount":1,"seed":7,"responseMimeType":"application/json","responseJsonSchema":{"type":"object"}}}"""));
    }

    @Test
    void toolChoiceAndJsonModeMapToGeminiModes() {
        ObjectNode forced = sent("""
                {"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],
                 "tool_choice":{"type":"function","function":{"name":"f"}},"response_format":{"type":"json_object"}}""");
        assertThat(forced.path("toolConfig")).isEqualTo(json("""
                {"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["f"]}}"""));
        assertThat(forced.path("generationConfig")).isEqualTo(json("{\"responseMimeType\":\"application/json\"}"));

        ObjectNode none = sent("""
                {"messages":[{"role":"user","content":"x"}],"tool_choice":"none","max_tokens":5,"stop":["a","b"]}""");
        assertThat(none.path("toolConfig").path("functionCallingConfig").path("mode").asText()).isEqualTo("NONE");
        assertThat(none.path("generationConfig")).isEqualTo(json("{\"maxOutputTokens\":5,\"stopSequences\":[\"a\",\"b\"]}"));
    }

    @Test
    void aToolCallFromAnotherProviderGetsTheSignatureStandIn() {
        ObjectNode sent = sent("""
                {"messages":[{"role":"user","content":"x"},
                  {"role":"assistant","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"toolu_1","content":[{"type":"text","text":"ok"}]}]}""");

        assertThat(sent.path("contents").path(1).path("parts").path(0).path("thoughtSignature").asText())
                .isEqualTo("skip_thought_signature_validator");
        assertThat(sent.path("contents").path(2).path("parts").path(0).path("functionResponse").path("response"))
                .isEqualTo(json("{\"content\":\"ok\"}"));
    }

    @Test
    void urlsFollowTheModelTheStreamAndUpstreamUrl() {
        assertThat(GEMINI.request(RouteType.CHAT, json(HELLO), FLASH, false).uri()).hasToString(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(GEMINI.request(RouteType.CHAT, json(HELLO), FLASH, true).uri()).hasToString(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(GEMINI.request(RouteType.CHAT, json(HELLO), target("models/gemini-2.0-flash", null), false).uri())
                .hasToString("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent");

        ModelTarget full = target("gemini-2.0-flash", "http://mock:9000/v1beta/models/gemini-2.0-flash:generateContent?trace=1");
        assertThat(GEMINI.request(RouteType.CHAT, json(HELLO), full, true).uri())
                .hasToString("http://mock:9000/v1beta/models/gemini-2.0-flash:streamGenerateContent?trace=1&alt=sse");
        ModelTarget base = target("gemini-2.0-flash", "http://egress:8080/google/v1beta/");
        assertThat(GEMINI.request(RouteType.CHAT, json(HELLO), base, false).uri())
                .hasToString("http://egress:8080/google/v1beta/models/gemini-2.0-flash:generateContent");
        assertThat(GEMINI.request(RouteType.EMBEDDINGS, json("{\"input\":[\"a\"]}"), base, false).uri())
                .hasToString("http://egress:8080/google/v1beta/models/gemini-2.0-flash:batchEmbedContents");
    }

    static ModelTarget target(String model, String upstream) {
        return new ModelTarget("gemini", model, new ModelOptions(Optional.ofNullable(upstream), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void requestsGeminiCannotServeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> sent("""
                {"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]}"""))
                .isInstanceOf(UnsupportedRequestException.class).hasMessage(
                        "gemini: messages[0].content[0].image_url: only data: URLs with base64 content are supported");
        assertThatThrownBy(() -> sent("""
                {"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"","format":"wav"}}]}]}"""))
                .hasMessageContaining("messages[0].content[0].type: input_audio");
        assertThatThrownBy(() -> sent("""
                {"messages":[{"role":"user","content":"x"},{"role":"tool","tool_call_id":"call_x","content":"1"}]}"""))
                .hasMessageContaining("messages[1].tool_call_id: call_x");
        assertThatThrownBy(() -> sent("""
                {"messages":[{"role":"user","content":"x"},
                  {"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}"""))
                .hasMessageContaining("messages[1].tool_calls[0].function.arguments");
        assertThatThrownBy(() -> sent("""
                {"messages":[{"role":"user","content":"x"}],"tools":[{"type":"web_search_preview"}]}"""))
                .hasMessageContaining("tools[0].type: web_search_preview");
        assertThatThrownBy(() -> sent("{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}"))
                .hasMessageContaining("at least one user or assistant message");
        assertThatThrownBy(() -> sent("{\"messages\":[]}")).hasMessageContaining("messages: expected a non-empty array");
        assertThatThrownBy(() -> GEMINI.request(RouteType.EMBEDDINGS, json("{\"input\":[[1,2,3]]}"), FLASH, false))
                .hasMessageContaining("not token arrays");
    }

    @Test
    void anAnswerBecomesAChatCompletion() {
        ObjectNode out = GEMINI.response(RouteType.CHAT, Canned.file("gemini/chat-response.json"), FLASH);

        assertThat(out.path("id").asText()).isEqualTo("chatcmpl-mY4PaLzOE8ee1dkP3a2h8Ao");
        assertThat(out.path("object").asText()).isEqualTo("chat.completion");
        assertThat(out.path("created").asLong()).isPositive();
        assertThat(out.path("model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(out.path("choices")).isEqualTo(json("""
                {"c":[{"index":0,"message":{"role":"assistant","content":"Le ciel est bleu parce que l'atmosphère diffuse davantage la lumière bleue : c'est la diffusion de Rayleigh."},
                       "logprobs":null,"finish_reason":"stop"}]}""").get("c"));
        assertThat(Canned.reparsed(out.path("usage"))).isEqualTo(json("""
                {"prompt_tokens":12,"completion_tokens":59,"total_tokens":71,"prompt_tokens_details":{"cached_tokens":4},
                 "completion_tokens_details":{"reasoning_tokens":35}}"""));
        // thoughtsTokenCount is in the completion tokens, and apart as reasoning tokens
        assertThat(GEMINI.usage(RouteType.CHAT, Canned.file("gemini/chat-response.json"))).contains(new TokenUsage(12, 59, 4, 35));
    }

    @Test
    void functionCallsBecomeToolCallsWithIdsAndTheirSignature() {
        ObjectNode out = GEMINI.response(RouteType.CHAT, Canned.file("gemini/chat-response-function-call.json"), FLASH);
        JsonNode choice = out.path("choices").path(0);

        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        JsonNode calls = choice.path("message").path("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.path(0).path("id").asText()).matches("call_[A-Za-z0-9]{24}").isNotEqualTo(calls.path(1).path("id").asText());
        assertThat(calls.path(0).path("type").asText()).isEqualTo("function");
        assertThat(calls.path(0).path("function")).isEqualTo(json("""
                {"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}"""));
        assertThat(calls.path(0).path("extra_content").path("google").path("thought_signature").asText())
                .isEqualTo("CiQB0e2Kb3pLk1l0Zq8rQ2x9WbP4vJr9sT1uV3wXyZ0aBcDeFg==");
        assertThat(calls.path(1).has("extra_content")).isFalse();
        assertThat(out.path("usage").path("total_tokens").asLong()).isEqualTo(90);
    }

    @Test
    void finishReasonsMapToOpenAis() {
        assertThat(finishOf("MAX_TOKENS")).isEqualTo("length");
        assertThat(finishOf("SAFETY")).isEqualTo("content_filter");
        assertThat(finishOf("RECITATION")).isEqualTo("content_filter");
        assertThat(finishOf("STOP")).isEqualTo("stop");
        assertThat(finishOf("OTHER")).isEqualTo("stop");
        ObjectNode blocked = GEMINI.response(RouteType.CHAT, Canned.file("gemini/chat-response-blocked.json"), FLASH);
        assertThat(blocked.path("choices").path(0).path("finish_reason").asText()).isEqualTo("content_filter");
        assertThat(blocked.path("choices").path(0).path("message").path("content").asText()).isEmpty();
        assertThat(blocked.path("usage").path("prompt_tokens").asLong()).isEqualTo(9);
    }

    static String finishOf(String reason) {
        return GEMINI.response(RouteType.CHAT, json("""
                {"candidates":[{"content":{"parts":[{"text":"x"}],"role":"model"},"finishReason":"%s","index":0}]}"""
                .formatted(reason)), FLASH).path("choices").path(0).path("finish_reason").asText();
    }

    @Test
    void aStreamBecomesChunksWhereverItsBytesAreCut() {
        Canned.everyCut(GEMINI, FLASH, Canned.fileBytes("gemini/chat-stream.sse"), (translator, chunks) -> {
            assertThat(chunks).hasSize(3).allSatisfy(c -> {
                assertThat(c.path("id").asText()).isEqualTo("chatcmpl-r44PaOvHEfKd1dkPxb6L6A4");
                assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(c.path("model").asText()).isEqualTo("gemini-2.0-flash");
                assertThat(c.has("usage")).isFalse();
            });
            assertThat(chunks.get(0).path("choices").path(0).path("delta")).isEqualTo(json("""
                    {"role":"assistant","content":"Il était une fois"}"""));
            assertThat(chunks.get(1).path("choices").path(0).path("delta").has("role")).isFalse();
            assertThat(chunks.get(1).path("choices").path(0).path("finish_reason").isNull()).isTrue();
            assertThat(Canned.text(chunks)).isEqualTo("Il était une fois un petit robot nommé Zéphyr qui rêvait d'étoiles.");
            assertThat(chunks.get(2).path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
            assertThat(translator.usage()).contains(new TokenUsage(8, 17, 0));
            assertThat(translator.model()).contains("gemini-2.0-flash");
            assertThat(translator.done()).isTrue();
        });
    }

    @Test
    void streamedFunctionCallsBecomeIndexedToolCallDeltas() {
        Canned.everyCut(GEMINI, FLASH, Canned.fileBytes("gemini/chat-stream-function-call.sse"), (translator, chunks) -> {
            assertThat(chunks).hasSize(1);
            JsonNode choice = chunks.getFirst().path("choices").path(0);
            assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
            JsonNode calls = choice.path("delta").path("tool_calls");
            assertThat(calls.path(0).path("index").asInt()).isZero();
            assertThat(calls.path(0).path("function").path("arguments").asText()).isEqualTo("{\"location\":\"Paris\"}");
            assertThat(calls.path(0).path("extra_content").path("google").path("thought_signature").asText())
                    .isEqualTo("CiQB0e2Kb3pLk1l0Zq8rQ2x9");
            assertThat(calls.path(1).path("index").asInt()).isEqualTo(1);
            assertThat(calls.path(1).path("function").path("name").asText()).isEqualTo("get_time");
            assertThat(translator.usage()).contains(new TokenUsage(70, 70, 0, 48));
            assertThat(translator.done()).isTrue();
        });
    }

    @Test
    void aStreamWithoutFinishIsNotDoneAndAnErrorInItIsPassedInOpenAiShape() {
        StreamTranslator translator = GEMINI.stream(FLASH);
        translator.onEvent(SseEvent.data("""
                {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}]}"""));
        assertThat(translator.done()).isFalse();
        assertThat(translator.onEvent(SseEvent.data("""
                {"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""")))
                .containsExactly(OpenAiErrors.of("The model is overloaded. Please try again later.", "api_error", "UNAVAILABLE"));
        assertThat(translator.done()).isFalse();
    }

    @Test
    void oneTextIsEmbeddedAloneAndAListInABatch() {
        ModelTarget embed = new ModelTarget("gemini", "text-embedding-004", ModelOptions.NONE);
        ProviderRequest single = GEMINI.request(RouteType.EMBEDDINGS, json("""
                {"model":"text-embedding-004","input":"Bonjour","dimensions":256,"encoding_format":"float"}"""), embed, false);
        assertThat(single.uri()).hasToString(
                "https://generativelanguage.googleapis.com/v1beta/models/text-embedding-004:embedContent");
        assertThat(body(single)).isEqualTo(json("""
                {"model":"models/text-embedding-004","content":{"parts":[{"text":"Bonjour"}]},"outputDimensionality":256}"""));

        ProviderRequest batch = GEMINI.request(RouteType.EMBEDDINGS, json("{\"input\":[\"a\",\"b\"]}"), embed, false);
        assertThat(batch.uri().toString()).endsWith("/models/text-embedding-004:batchEmbedContents");
        assertThat(body(batch)).isEqualTo(json("""
                {"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"a"}]}},
                             {"model":"models/text-embedding-004","content":{"parts":[{"text":"b"}]}}]}"""));

        ObjectNode one = GEMINI.response(RouteType.EMBEDDINGS, Canned.file("gemini/embed-content.json"), embed);
        assertThat(one.path("object").asText()).isEqualTo("list");
        assertThat(one.path("model").asText()).isEqualTo("text-embedding-004");
        assertThat(one.path("data").path(0).path("object").asText()).isEqualTo("embedding");
        assertThat(one.path("data").path(0).path("embedding")).hasSize(5);
        ObjectNode two = GEMINI.response(RouteType.EMBEDDINGS, Canned.file("gemini/batch-embed-contents.json"), embed);
        assertThat(two.path("data")).hasSize(2);
        assertThat(two.path("data").path(1).path("index").asInt()).isEqualTo(1);
        assertThat(two.path("data").path(1).path("embedding").path(0).asDouble()).isEqualTo(-0.0092);
        assertThat(GEMINI.usage(RouteType.EMBEDDINGS, two)).isEmpty();
    }

    @Test
    void googleErrorsBecomeOpenAiErrorsTypedByTheirStatus() {
        assertThat(GEMINI.error(400, Canned.fileBytes("gemini/error-invalid-key.json"))).isEqualTo(OpenAiErrors.of(
                "API key not valid. Please pass a valid API key.", "authentication_error", "INVALID_ARGUMENT"));
        assertThat(GEMINI.error(429, Canned.fileBytes("gemini/error-quota.json")).path("error").path("type").asText())
                .isEqualTo("rate_limit_error");
        assertThat(GEMINI.error(404, """
                {"error":{"code":404,"message":"models/gemini-9 is not found for API version v1beta","status":"NOT_FOUND"}}"""
                .getBytes(StandardCharsets.UTF_8)).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(GEMINI.error(502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)).path("error").path("message")
                .asText()).isEqualTo("gemini answered 502: <html>Bad Gateway</html>");
    }

    @Test
    void theKeyGoesInGooglesHeaderAndTheProviderIsRegistered() {
        assertThat(GEMINI.authHeader("AIza-test")).isEqualTo(Map.entry("x-goog-api-key", "AIza-test"));
        assertThat(GEMINI.request(RouteType.CHAT, json(HELLO), FLASH, false).headers()).isEmpty();
        assertThat(Providers.named("gemini")).containsInstanceOf(GeminiProvider.class);
    }
}
