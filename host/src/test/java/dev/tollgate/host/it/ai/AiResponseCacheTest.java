package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.tollgate.host.it.TestGateway;
import dev.tollgate.mockllm.MockFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ai-response-cache on ai-proxy routes, used through the official openai-java client: what the
 * mock LLM receives shows which requests reached the provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiResponseCacheTest {
    TestGateway t;
    OpenAIClient client;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        String url = t.mock.baseUrl() + "/v1/chat/completions";
        cachedRoute("cached", url, "{}");
        cachedRoute("short", url, "{\"cache_ttl\":1}");
        cachedRoute("small", url, "{\"max_entry_bytes\":1024}");
        // Nothing listens on port 1: Redis is "down" from the first request.
        cachedRoute("redis-down", url, "{\"strategy\":\"redis\",\"redis\":{\"host\":\"127.0.0.1\",\"port\":1,\"timeout\":500}}");
        AiRoutes.create(t, "claude", "/claude", "{\"llm_format\":\"anthropic\",\"auth\":{\"header_value\":\"sk-test\"},"
                + "\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o\",\"options\":{\"upstream_url\":\"" + url + "\"}}}");
        expect(201, t.sendJson("POST", t.admin("/routes/claude/plugins"), "{\"name\":\"ai-response-cache\"}"));
        client = OpenAIOkHttpClient.builder().apiKey("app-key").baseUrl(t.proxy("/cached/v1")).maxRetries(0).build();
    }

    private void cachedRoute(String name, String upstreamUrl, String cacheConfig) {
        AiRoutes.create(t, name, "/" + name, AiRoutes.openAi(upstreamUrl, "gpt-4o"));
        expect(201, t.sendJson("POST", t.admin("/routes/" + name + "/plugins"),
                "{\"name\":\"ai-response-cache\",\"config\":" + cacheConfig + "}"));
    }

    @AfterAll
    void stop() {
        client.close();
        t.close();
    }

    @BeforeEach
    void forget() {
        t.mock.clearRequests();
    }

    private HttpResponse<String> chat(String route, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.proxy("/" + route + "/v1/chat/completions")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return expect(200, t.send(b.build()));
    }

    private static String cacheStatus(HttpResponse<String> res) {
        return res.headers().firstValue("x-cache-status").orElse("(none)");
    }

    private static String question(String text) {
        return "{\"model\":\"gpt-4o\",\"temperature\":0.2,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    @Test
    void theSecondIdenticalRequestIsAnsweredWithoutTheProvider() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o")
                .addSystemMessage("Be brief.").addUserMessage("What is a cache?").temperature(0.0).build();
        ChatCompletion first = client.chat().completions().create(params);
        ChatCompletion second = client.chat().completions().create(params);

        assertThat(t.mock.requests()).as("the provider saw one request").hasSize(1);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.choices().getFirst().message().content()).isEqualTo(first.choices().getFirst().message().content());
        assertThat(second.usage()).isEqualTo(first.usage());
    }

    @Test
    void reorderedJsonHitsAndADifferentTemperatureMisses() {
        HttpResponse<String> miss = chat("cached", question("Reorder me"));
        assertThat(cacheStatus(miss)).isEqualTo("Miss");
        HttpResponse<String> hit = chat("cached",
                "{ \"messages\" : [ {\"content\":\"Reorder me\", \"role\":\"user\"} ],\n \"temperature\":0.20, \"model\":\"gpt-4o\" }");
        assertThat(cacheStatus(hit)).isEqualTo("Hit");
        assertThat(hit.headers().firstValue("age")).hasValueSatisfying(a -> assertThat(Long.parseLong(a)).isBetween(0L, 5L));
        assertThat(hit.headers().firstValue("x-tollgate-provider")).contains("openai");
        assertThat(hit.headers().firstValue("x-tollgate-model")).isEqualTo(miss.headers().firstValue("x-tollgate-model"));
        assertThat(hit.body()).isEqualTo(miss.body());

        assertThat(cacheStatus(chat("cached", question("Reorder me").replace("0.2", "0.9")))).isEqualTo("Miss");
        assertThat(t.mock.requests()).hasSize(2);
    }

    @Test
    void aStreamedAnswerIsReplayedAsAStreamEventByEvent() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o")
                .addUserMessage("Tell me a story about caches")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        List<ChatCompletionChunk> first = stream(params);
        List<ChatCompletionChunk> replayed = stream(params);

        assertThat(t.mock.requests()).hasSize(1);
        assertThat(text(replayed)).isNotBlank().isEqualTo(text(first));
        assertThat(replayed).hasSameSizeAs(first);
        assertThat(replayed.getLast().usage()).as("the usage chunk asked for").isEqualTo(first.getLast().usage())
                .hasValueSatisfying(u -> assertThat(u.completionTokens()).isPositive());

        // On the wire: the same events, each its own data line, ending with [DONE].
        String body = "{\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\":\"gpt-4o\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story about caches\"}]}";
        List<TestGateway.SseLine> lines = t.sse(HttpRequest.newBuilder(URI.create(t.proxy("/cached/v1/chat/completions")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(lines).hasSize(first.size() + 1);
        assertThat(lines.getLast().line()).isEqualTo("data: [DONE]");
        assertThat(t.mock.requests()).hasSize(1);
    }

    @Test
    void aStreamWithoutUsageIsAnotherEntryAndEndsWithoutAUsageChunk() {
        String body = "{\"stream\":true,\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"No usage please\"}]}";
        HttpResponse<String> miss = chat("cached", body);
        HttpResponse<String> hit = chat("cached", body);
        assertThat(cacheStatus(hit)).isEqualTo("Hit");
        assertThat(hit.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(hit.body()).isEqualTo(miss.body()).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
        assertThat(cacheStatus(chat("cached", body.replace("\"stream\":true", "\"stream\":false")))).isEqualTo("Miss");
    }

    @Test
    void anthropicClientsGetTheirStreamReplayed() {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":200,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello Claude\"}]}";
        HttpResponse<String> miss = expect(200, t.send(HttpRequest.newBuilder(URI.create(t.proxy("/claude/v1/messages")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build()));
        HttpResponse<String> hit = expect(200, t.send(HttpRequest.newBuilder(URI.create(t.proxy("/claude/v1/messages")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build()));
        assertThat(cacheStatus(miss)).isEqualTo("Miss");
        assertThat(cacheStatus(hit)).isEqualTo("Hit");
        assertThat(hit.body()).isEqualTo(miss.body()).startsWith("event: message_start")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        assertThat(t.mock.requests()).hasSize(1);
    }

    @Test
    void aStreamCutMidWayIsNotCached() {
        String body = "{\"stream\":true,\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Cut me off\"}]}";
        t.mock.enqueue(MockFailure.dropMidStream());
        try {
            t.send(HttpRequest.newBuilder(URI.create(t.proxy("/cached/v1/chat/completions")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        } catch (RuntimeException e) {
            // the gateway cuts the client's connection too
        }
        assertThat(cacheStatus(chat("cached", body))).isEqualTo("Miss");
        assertThat(cacheStatus(chat("cached", body))).isEqualTo("Hit");
    }

    @Test
    void noCacheBypassesAndNoStoreLeavesNothingBehind() {
        chat("cached", question("Fresh please"));
        HttpResponse<String> bypass = chat("cached", question("Fresh please"), "Cache-Control", "no-cache");
        assertThat(cacheStatus(bypass)).isEqualTo("Bypass");
        assertThat(t.mock.requests()).hasSize(2);

        assertThat(cacheStatus(chat("cached", question("Secret"), "Cache-Control", "no-store"))).isEqualTo("Bypass");
        assertThat(cacheStatus(chat("cached", question("Secret")))).isEqualTo("Miss");
    }

    @Test
    void answersExpireAfterCacheTtl() throws InterruptedException {
        assertThat(cacheStatus(chat("short", question("Short-lived")))).isEqualTo("Miss");
        assertThat(cacheStatus(chat("short", question("Short-lived")))).isEqualTo("Hit");
        Thread.sleep(1100);
        assertThat(cacheStatus(chat("short", question("Short-lived")))).isEqualTo("Miss");
        assertThat(t.mock.requests()).hasSize(2);
    }

    @Test
    void answersOverMaxEntryBytesAreServedButNotCached() {
        String big = question("Talk a lot").replace("{", "{\"mock_tokens\":400,"); // a 400-word answer: over 1024 bytes
        HttpResponse<String> first = chat("small", big);
        assertThat(json(first).at("/choices/0/message/content").asText().split(" ")).hasSize(400);
        assertThat(first.body().length()).isGreaterThan(1024);
        assertThat(cacheStatus(chat("small", big))).isEqualTo("Miss");
        assertThat(cacheStatus(chat("small", question("tiny")))).isEqualTo("Miss");
        assertThat(cacheStatus(chat("small", question("tiny")))).isEqualTo("Hit");
        assertThat(t.mock.requests()).hasSize(3);
    }

    @Test
    void withRedisDownRequestsAreServedAsBypasses() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> res = chat("redis-down", question("Is Redis there?"));
            assertThat(cacheStatus(res)).isEqualTo("Bypass");
            assertThat(json(res).at("/choices/0/message/content").asText()).isNotBlank();
        }
        assertThat(t.mock.requests()).hasSize(3);
    }

    @Test
    void usageRecordsShowHitsWithTheirSavedTokensAtNoCost() {
        chat("cached", question("Count what you saved"));
        chat("cached", question("Count what you saved"));
        chat("cached", question("Count what you saved"), "Cache-Control", "no-cache");

        JsonNode records = json(expect(200, t.get(t.admin("/usage?route=cached&size=3")))).get("data");
        JsonNode bypass = records.get(0);
        JsonNode hit = records.get(1);
        JsonNode miss = records.get(2);
        assertThat(miss.get("cache_status").asText()).isEqualTo("Miss");
        assertThat(miss.get("cost").asDouble()).isPositive();
        assertThat(hit.get("cache_status").asText()).isEqualTo("Hit");
        assertThat(hit.get("cost").asDouble()).isZero();
        assertThat(hit.get("currency").asText()).isEqualTo("USD");
        for (String field : List.of("provider", "model", "requested_model", "prompt_tokens", "completion_tokens", "total_tokens")) {
            assertThat(hit.get(field)).as(field).isEqualTo(miss.get(field));
        }
        assertThat(hit.get("total_tokens").asLong()).isPositive();
        assertThat(bypass.get("cache_status").asText()).isEqualTo("Bypass");
        assertThat(bypass.get("cost").asDouble()).isEqualTo(miss.get("cost").asDouble());
    }

    private List<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
            s.stream().forEach(chunks::add);
        }
        return chunks;
    }

    private static String text(List<ChatCompletionChunk> chunks) {
        return chunks.stream().flatMap(c -> c.choices().stream()).map(ch -> ch.delta().content().orElse(""))
                .reduce("", String::concat);
    }
}
