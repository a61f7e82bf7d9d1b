package dev.tollgate.commons.llm.provider;

import static dev.tollgate.commons.llm.provider.Canned.body;
import static dev.tollgate.commons.llm.provider.Canned.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;

class MistralProviderTest {
    static final Provider MISTRAL = new MistralProvider();
    static final ModelTarget SMALL = new ModelTarget("mistral", "mistral-small-latest", ModelOptions.NONE);

    @Test
    void chatGoesToMistralWithoutTheFieldsMistralRefuses() {
        ObjectNode request = json("""
                {"model":"mistral-small-latest","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi","name":"alice"},
                   {"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"D681PevKs","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
                   {"role":"tool","tool_call_id":"D681PevKs","name":"get_time","content":"12:00"}],
                 "seed":42,"max_completion_tokens":100,"user":"u-1","logit_bias":{"50256":-100},"store":false,
                 "metadata":{"team":"a"},"temperature":0.3,"tools":[{"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}],
                 "tool_choice":"auto","parallel_tool_calls":false,"response_format":{"type":"json_object"},"safe_prompt":true}""");
        ProviderRequest sent = MISTRAL.request(RouteType.CHAT, request, SMALL, true);

        assertThat(sent.uri()).hasToString("https://api.mistral.ai/v1/chat/completions");
        assertThat(body(sent)).isEqualTo(json("""
                {"model":"mistral-small-latest","stream":true,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
                   {"role":"assistant","content":null,"tool_calls":[{"id":"D681PevKs","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
                   {"role":"tool","tool_call_id":"D681PevKs","name":"get_time","content":"12:00"}],
                 "temperature":0.3,"tools":[{"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}],
                 "tool_choice":"auto","parallel_tool_calls":false,"response_format":{"type":"json_object"},"safe_prompt":true,
                 "random_seed":42,"max_tokens":100}"""));
    }

    @Test
    void mistralsOwnNamesWinOverOpenAisWhenBothAreSent() {
        ObjectNode sent = body(MISTRAL.request(RouteType.CHAT, json("""
                {"model":"m","messages":[],"seed":1,"random_seed":2,"max_tokens":10,"max_completion_tokens":20}"""), SMALL, false));
        assertThat(sent.path("random_seed").asInt()).isEqualTo(2);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(10);
        assertThat(sent.has("seed") || sent.has("max_completion_tokens")).isFalse();
    }

    @Test
    void embeddingsGoToMistralWithItsDimensionName() {
        ProviderRequest sent = MISTRAL.request(RouteType.EMBEDDINGS, json("""
                {"model":"codestral-embed","input":["def f(): pass"],"dimensions":256,"user":"u-1"}"""),
                new ModelTarget("mistral", "codestral-embed", ModelOptions.NONE), false);

        assertThat(sent.uri()).hasToString("https://api.mistral.ai/v1/embeddings");
        assertThat(body(sent)).isEqualTo(json("""
                {"model":"codestral-embed","input":["def f(): pass"],"output_dimension":256}"""));
    }

    @Test
    void answersPassAsOpenAiChatCompletionsWithUsage() {
        ObjectNode answer = Canned.file("mistral/chat-response.json");
        ObjectNode out = MISTRAL.response(RouteType.CHAT, answer.deepCopy(), SMALL);

        assertThat(out).isEqualTo(answer);
        assertThat(MISTRAL.usage(RouteType.CHAT, out)).contains(new TokenUsage(16, 34, 0));
    }

    @Test
    void reasoningAnswersGiveTheirTextAndLengthIsOpenAisWord() {
        ObjectNode out = MISTRAL.response(RouteType.CHAT, Canned.file("mistral/chat-response-reasoning.json"), SMALL);

        assertThat(out.path("choices").path(0).path("message").path("content").asText()).isEqualTo("2 + 2 = 4");
        assertThat(out.path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void theStreamReportsTheUsageOfItsLastChunkWhereverTheChunksAreCut() {
        Canned.everyCut(MISTRAL, SMALL, Canned.fileBytes("mistral/chat-stream.sse"), (translator, chunks) -> {
            assertThat(chunks).hasSize(3).noneMatch(c -> c.has("usage"));
            assertThat(Canned.text(chunks)).isEqualTo("Bonjour ! Comment puis-je vous aider ?");
            assertThat(chunks.getLast().path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
            assertThat(translator.usage()).contains(new TokenUsage(8, 12, 0));
            assertThat(translator.done()).isTrue();
        });
    }

    @Test
    void validationReportsAndBareMessagesBecomeOpenAiErrors() {
        ObjectNode extra = MISTRAL.error(422, Canned.fileBytes("mistral/error-extra-forbidden.json"));
        assertThat(extra.path("error").path("message").asText()).isEqualTo("body.logit_bias: Extra inputs are not permitted");
        assertThat(extra.path("error").path("type").asText()).isEqualTo("invalid_request_error");

        ObjectNode unauthorized = MISTRAL.error(401, """
                {"message":"Unauthorized","request_id":"7f5b0d1e2c3a4b5c"}""".getBytes(StandardCharsets.UTF_8));
        assertThat(unauthorized.path("error")).isEqualTo(json("""
                {"message":"Unauthorized","type":"authentication_error","code":null}"""));

        ObjectNode limited = MISTRAL.error(429, """
                {"object":"error","message":"Requests rate limit exceeded","type":"rate_limited","param":null,"code":"1300"}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(limited.path("error")).isEqualTo(json("""
                {"message":"Requests rate limit exceeded","type":"rate_limit_error","code":"1300"}"""));
        assertThat(MISTRAL.authHeader("k")).isEqualTo(Map.entry("Authorization", "Bearer k"));
    }
}
