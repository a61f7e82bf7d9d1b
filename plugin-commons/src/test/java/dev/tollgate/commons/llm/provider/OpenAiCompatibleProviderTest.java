package dev.tollgate.commons.llm.provider;

import static dev.tollgate.commons.llm.provider.Canned.body;
import static dev.tollgate.commons.llm.provider.Canned.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.commons.llm.RouteType;
import dev.tollgate.commons.llm.TokenUsage;

class OpenAiCompatibleProviderTest {
    static final Provider COMPATIBLE = new OpenAiCompatibleProvider();
    static final ModelTarget VLLM = new ModelTarget("openai-compatible", "Qwen/Qwen2.5-7B-Instruct",
            ModelOptions.upstream("http://vllm.internal:8000/v1/chat/completions"));
    static final String CHAT = """
            {"model":"Qwen/Qwen2.5-7B-Instruct","messages":[{"role":"user","content":"Hi"}],"max_tokens":64}""";

    @Test
    void chatGoesToTheConfiguredServerInOpenAiFormat() {
        ProviderRequest request = COMPATIBLE.request(RouteType.CHAT, json(CHAT), VLLM, true);

        assertThat(request.uri()).hasToString("http://vllm.internal:8000/v1/chat/completions");
        ObjectNode sent = body(request);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void withoutUpstreamUrlTheRequestIsRefusedNamingTheOption() {
        ModelTarget unaddressed = new ModelTarget("openai-compatible", "llama-3.1-8b", ModelOptions.NONE);

        assertThatThrownBy(() -> COMPATIBLE.request(RouteType.CHAT, json(CHAT), unaddressed, false))
                .isInstanceOf(UnsupportedRequestException.class)
                .hasMessageContaining("model.options.upstream_url").hasMessageContaining("/v1/chat/completions");
        assertThatThrownBy(() -> COMPATIBLE.request(RouteType.EMBEDDINGS, json("{\"input\":\"x\"}"), unaddressed, false))
                .hasMessageContaining("/v1/embeddings");
    }

    @Test
    void llamaCppUsageInTheFinishChunkIsTakenOut() {
        // llama.cpp's server sends usage beside the finish reason rather than in a chunk of its own
        byte[] wire = """
                data: {"choices":[{"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}}],"created":1735000000,"id":"chatcmpl-4nTzmhvJmSyjbwMpr9HpzSpUu5Q5wbVG","model":"gpt-3.5-turbo","system_fingerprint":"b4394-86bf31cf","object":"chat.completion.chunk"}

                data: {"choices":[{"finish_reason":null,"index":0,"delta":{"content":"Hi"}}],"created":1735000000,"id":"chatcmpl-4nTzmhvJmSyjbwMpr9HpzSpUu5Q5wbVG","model":"gpt-3.5-turbo","system_fingerprint":"b4394-86bf31cf","object":"chat.completion.chunk"}

                data: {"choices":[{"finish_reason":"stop","index":0,"delta":{}}],"created":1735000000,"id":"chatcmpl-4nTzmhvJmSyjbwMpr9HpzSpUu5Q5wbVG","model":"gpt-3.5-turbo","system_fingerprint":"b4394-86bf31cf","object":"chat.completion.chunk","usage":{"completion_tokens":2,"prompt_tokens":9,"total_tokens":11},"timings":{"prompt_n":9,"predicted_n":2}}

                data: [DONE]

                """.getBytes(StandardCharsets.UTF_8);
        StreamTranslator translator = COMPATIBLE.stream(VLLM);
        List<ObjectNode> chunks = Canned.replay(COMPATIBLE, translator, wire, 3);

        assertThat(chunks).hasSize(3).noneMatch(c -> c.has("usage"));
        assertThat(chunks.getLast().path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(translator.usage()).contains(new TokenUsage(9, 2, 0));
        assertThat(translator.done()).isTrue();
    }

    @Test
    void errorsOfLlamaCppAndVllmAreReadAndTheKeyIsABearerToken() {
        ObjectNode llamaCpp = COMPATIBLE.error(400, """
                {"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5000,"n_ctx":4096}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(llamaCpp.path("error").path("type").asText()).isEqualTo("exceed_context_size_error");
        assertThat(llamaCpp.path("error").path("message").asText()).startsWith("the request exceeds");

        ObjectNode vllm = COMPATIBLE.error(404, """
                {"object":"error","message":"The model `gpt-4` does not exist.","type":"NotFoundError","param":null,"code":404}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(vllm.path("error").path("message").asText()).isEqualTo("The model `gpt-4` does not exist.");
        assertThat(vllm.path("error").path("type").asText()).isEqualTo("invalid_request_error");

        assertThat(COMPATIBLE.error(503, "Service Unavailable".getBytes(StandardCharsets.UTF_8))
                .path("error").path("message").asText()).isEqualTo("openai-compatible answered 503: Service Unavailable");
        assertThat(COMPATIBLE.authHeader("token")).isEqualTo(Map.entry("Authorization", "Bearer token"));
    }

    @Test
    void isRegistered() {
        assertThat(Providers.named("openai-compatible")).containsInstanceOf(OpenAiCompatibleProvider.class);
    }
}
