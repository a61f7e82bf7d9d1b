package dev.tollgate.commons.llm.provider;

import static dev.tollgate.commons.llm.provider.Canned.body;
import static dev.tollgate.commons.llm.provider.Canned.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;
import dev.tollgate.commons.llm.sse.SseEvent;
import dev.tollgate.commons.llm.sse.StreamFraming;

class OllamaProviderTest {
    static final Provider OLLAMA = new OllamaProvider();
    static final ModelTarget LLAMA = new ModelTarget("ollama", "llama3.2", ModelOptions.NONE);

    static ObjectNode sent(String openAiRequest, boolean stream) {
        return body(OLLAMA.request(RouteType.CHAT, json(openAiRequest), LLAMA, stream));
    }

    @Test
    void aConversationBecomesAnOllamaChatWithOptionsAndStreamAlwaysSet() {
        ProviderRequest request = OLLAMA.request(RouteType.CHAT, json("""
                {"model":"llama3.2","user":"u-1",
                 "messages":[
                   {"role":"developer","content":"Réponds en français."},
                   {"role":"user","content":[{"type":"text","text":"Que vois-tu ?"},
                                             {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]},
                   {"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function",
                     "function":{"name":"get_current_weather","arguments":"{\\"location\\":\\"Paris, FR\\"}"}}]},
                   {"role":"tool","tool_call_id":"call_1","content":"18 °C"}],
                 "tools":[{"type":"function","function":{"name":"get_current_weather","parameters":{"type":"object"}}}],
                 "temperature":0.1,"top_p":0.5,"max_tokens":128,"stop":"###","seed":3,
                 "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}}"""),
                LLAMA, false);

        assertThat(request.uri()).hasToString("http://localhost:11434/api/chat");
        assertThat(request.headers()).isEmpty();
        assertThat(body(request)).isEqualTo(json("""
                {"model":"llama3.2","stream":false,
                 "messages":[
                   {"role":"system","content":"Réponds en français."},
                   {"role":"user","content":"Que vois-tu ?","images":["/9j/4AAQ"]},
                   {"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_current_weather","arguments":{"location":"Paris, FR"}}}]},
                   {"role":"tool","content":"18 °C","tool_name":"get_current_weather"}],
                 "tools":[{"type":"function","function":{"name":"get_current_weather","parameters":{"type":"object"}}}],
                 "format":{"type":"object"},
                 "options":{"temperature":0.1,"top_p":0.5,"num_predict":128,"stop":["###"],"seed":3}}"""));
    }

    @Test
    void streamIsExplicitBothWaysAndJsonModeIsFormatJson() {
        assertThat(sent("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", true).path("stream").asBoolean()).isTrue();
        ObjectNode whole = sent("""
                {"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"},"max_completion_tokens":9}""", false);
        assertThat(whole.path("stream").isBoolean()).isTrue();
        assertThat(whole.path("stream").asBoolean()).isFalse();
        assertThat(whole.path("format").asText()).isEqualTo("json");
        assertThat(whole.path("options").path("num_predict").asInt()).isEqualTo(9);
    }

    @Test
    void upstreamUrlReplacesTheLocalServer() {
        ModelTarget remote = new ModelTarget("ollama", "llama3.2", ModelOptions.upstream("https://gpu-box.internal/api/chat"));
        assertThat(OLLAMA.request(RouteType.CHAT, json("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), remote, false)
                .uri()).hasToString("https://gpu-box.internal/api/chat");
    }

    @Test
    void requestsOllamaCannotServeAreRefused() {
        assertThatThrownBy(() -> sent("""
                {"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://x/y.png"}}]}]}""", false))
                .isInstanceOf(UnsupportedRequestException.class).hasMessageContaining("ollama: messages[0].content[0].image_url");
        assertThatThrownBy(() -> sent("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":3}", false))
                .hasMessageContaining("n: 3");
        assertThatThrownBy(() -> sent("{\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]}", false))
                .hasMessageContaining("messages[0].role: function");
    }

    @Test
    void anAnswerBecomesAChatCompletion() {
        ObjectNode out = OLLAMA.response(RouteType.CHAT, Canned.file("ollama/chat-response.json"), LLAMA);

        assertThat(out.path("id").asText()).matches("chatcmpl-[A-Za-z0-9]{24}");
        assertThat(out.path("object").asText()).isEqualTo("chat.completion");
        assertThat(out.path("created").asLong()).isEqualTo(1702390423L);
        assertThat(out.path("model").asText()).isEqualTo("llama3.2");
        assertThat(out.path("choices").path(0).path("message")).isEqualTo(json("""
                {"role":"assistant","content":"Bonjour ! Comment allez-vous aujourd'hui ?"}"""));
        assertThat(out.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(Canned.reparsed(out.path("usage"))).isEqualTo(json("""
                {"prompt_tokens":26,"completion_tokens":298,"total_tokens":324}"""));
        assertThat(OLLAMA.usage(RouteType.CHAT, Canned.file("ollama/chat-response.json"))).contains(new TokenUsage(26, 298, 0));
    }

    @Test
    void toolCallsGetIdsAndJsonTextArguments() {
        ObjectNode out = OLLAMA.response(RouteType.CHAT, Canned.file("ollama/chat-response-tool-calls.json"), LLAMA);
        JsonNode choice = out.path("choices").path(0);

        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(json(call.path("function").path("arguments").asText())).isEqualTo(json("""
                {"format":"celsius","location":"Paris, FR"}"""));
    }

    @Test
    void theNdjsonStreamBecomesChunksWhereverItsBytesAreCut() {
        assertThat(OLLAMA.streamFraming()).isEqualTo(StreamFraming.NDJSON);
        Canned.everyCut(OLLAMA, LLAMA, Canned.fileBytes("ollama/chat-stream.ndjson"), (translator, chunks) -> {
            assertThat(chunks).hasSize(4).allSatisfy(c -> {
                assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(c.path("id").asText()).isEqualTo(chunks.getFirst().path("id").asText());
                assertThat(c.path("created").asLong()).isEqualTo(1691164339L);
            });
            assertThat(chunks.getFirst().path("choices").path(0).path("delta")).isEqualTo(json("""
                    {"role":"assistant","content":"Le"}"""));
            assertThat(Canned.text(chunks)).isEqualTo("Le ciel est bleu.");
            assertThat(chunks.getLast().path("choices").path(0).path("delta").isEmpty()).isTrue();
            assertThat(chunks.getLast().path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
            assertThat(translator.usage()).contains(new TokenUsage(26, 282, 0));
            assertThat(translator.done()).isTrue();
        });
    }

    @Test
    void streamedToolCallsAreNumberedAndFinishAsToolCalls() {
        Canned.everyCut(OLLAMA, LLAMA, Canned.fileBytes("ollama/chat-stream-tool-calls.ndjson"), (translator, chunks) -> {
            assertThat(chunks).hasSize(3);
            assertThat(chunks.get(0).path("choices").path(0).path("delta").path("tool_calls").path(0).path("index").asInt()).isZero();
            JsonNode second = chunks.get(1).path("choices").path(0).path("delta").path("tool_calls").path(0);
            assertThat(second.path("index").asInt()).isEqualTo(1);
            assertThat(second.path("function").path("name").asText()).isEqualTo("get_time");
            assertThat(chunks.get(2).path("choices").path(0).path("finish_reason").asText()).isEqualTo("tool_calls");
            assertThat(translator.model()).contains("qwen3");
            assertThat(translator.usage()).contains(new TokenUsage(180, 41, 0));
        });
    }

    @Test
    void aStreamCutBeforeDoneIsNotDoneAndAnErrorLineIsPassed() {
        StreamTranslator translator = OLLAMA.stream(LLAMA);
        translator.onEvent(SseEvent.data("{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}"));
        assertThat(translator.done()).isFalse();
        assertThat(translator.onEvent(SseEvent.data("{\"error\":\"an error was encountered while running the model: unexpected EOF\"}")))
                .containsExactly(OpenAiErrors.of("an error was encountered while running the model: unexpected EOF", "api_error", null));
    }

    @Test
    void embeddingsGoToApiEmbedAndComeBackAsTheOpenAiList() {
        ModelTarget minilm = new ModelTarget("ollama", "all-minilm", ModelOptions.NONE);
        ProviderRequest request = OLLAMA.request(RouteType.EMBEDDINGS, json("""
                {"model":"all-minilm","input":["Le ciel","La mer"],"encoding_format":"float","user":"u"}"""), minilm, false);
        assertThat(request.uri()).hasToString("http://localhost:11434/api/embed");
        assertThat(body(request)).isEqualTo(json("{\"model\":\"all-minilm\",\"input\":[\"Le ciel\",\"La mer\"]}"));

        ObjectNode out = OLLAMA.response(RouteType.EMBEDDINGS, Canned.file("ollama/embed-response.json"), minilm);
        assertThat(out.path("object").asText()).isEqualTo("list");
        assertThat(out.path("model").asText()).isEqualTo("all-minilm");
        assertThat(out.path("data")).hasSize(2);
        assertThat(out.path("data").path(1).path("index").asInt()).isEqualTo(1);
        assertThat(out.path("data").path(1).path("embedding").path(0).asDouble()).isEqualTo(-0.0098027075);
        assertThat(out.path("usage").path("prompt_tokens").asLong()).isEqualTo(8);
        assertThat(OLLAMA.usage(RouteType.EMBEDDINGS, Canned.file("ollama/embed-response.json"))).contains(new TokenUsage(8, 0, 0));
    }

    @Test
    void errorsAndTheBearerHeaderForAProxyInFront() {
        assertThat(OLLAMA.error(404, "{\"error\":\"model \\\"llama3\\\" not found, try pulling it first\"}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(OpenAiErrors.of(
                "model \"llama3\" not found, try pulling it first", "invalid_request_error", null));
        assertThat(OLLAMA.error(502, "upstream connect error".getBytes(StandardCharsets.UTF_8)).path("error").path("message")
                .asText()).isEqualTo("ollama answered 502: upstream connect error");
        assertThat(OLLAMA.authHeader("t")).isEqualTo(Map.entry("Authorization", "Bearer t"));
        assertThat(Providers.named("ollama")).containsInstanceOf(OllamaProvider.class);
    }
}
