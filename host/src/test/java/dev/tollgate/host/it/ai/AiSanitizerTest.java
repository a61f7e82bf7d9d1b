package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ai-sanitizer in front of ai-proxy and the mock LLM: the LLM sees placeholders, the client its own
 * values back, in whole answers and in streams whose placeholders arrive cut into pieces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiSanitizerTest {
    static final String EMAIL = "jane.doe@example.com";
    static final String PHONE = "+44 20 7946 0958";
    /** The PII comes first: the mock's answer quotes the first words of the last user message. */
    static final String PROMPT = EMAIL + " and " + PHONE + " want the invoice";

    TestGateway t;
    OpenAIClient client;
    PacedSseUpstream paced;
    SplitSseUpstream split;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        t = TestGateway.start("h2", dir);
        AiRoutes.create(t, "sanitized", "/sanitized", AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o-mini"));
        sanitize("sanitized", "{}");
        client = OpenAIOkHttpClient.builder().apiKey("app-key").baseUrl(t.proxy("/sanitized/v1")).maxRetries(0).build();

        paced = new PacedSseUpstream(List.of("Dear ", "<EMA", "IL_1>", ", I will call ", "<PHONE", "_1> ", "today."), 5);
        AiRoutes.create(t, "paced-sanitized", "/paced-sanitized", AiRoutes.openAi(paced.url(), "gpt-4o-mini"));
        sanitize("paced-sanitized", "{}");

        split = new SplitSseUpstream();
        expect(201, t.postForm(t.admin("/services"), "name=split", "url=" + split.url()));
        expect(201, t.postForm(t.admin("/services/split/routes"), "name=split", "paths[]=/split"));
        sanitize("split", "{}");

        AiRoutes.create(t, "blocking", "/blocking", AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o-mini"));
        sanitize("blocking", "{\"block_if_detected\":true}");

        AiRoutes.create(t, "claude-sanitized", "/claude-sanitized", "{\"llm_format\":\"anthropic\",\"model\":{\"provider\":"
                + "\"anthropic\",\"name\":\"claude-sonnet-4-5\",\"options\":{\"upstream_url\":\"" + t.mock.baseUrl()
                + "/v1/messages\"}},\"auth\":{\"header_value\":\"sk-ant\"}}");
        sanitize("claude-sanitized", "{\"scan_roles\":[\"user\",\"system\"]}");

        AiRoutes.create(t, "cached", "/cached", AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o-mini"));
        sanitize("cached", "{}");
        expect(201, t.sendJson("POST", t.admin("/routes/cached/plugins"), "{\"name\":\"ai-response-cache\"}"));
    }

    @AfterAll
    void stop() {
        client.close();
        paced.close();
        split.close();
        t.close();
    }

    private void sanitize(String route, String config) {
        expect(201, t.sendJson("POST", t.admin("/routes/" + route + "/plugins"),
                "{\"name\":\"ai-sanitizer\",\"config\":" + config + "}"));
    }

    private String lastPromptSentUpstream() throws IOException {
        JsonNode body = TestGateway.JSON.readTree(t.mock.requests().getLast().body());
        return body.path("messages").get(body.path("messages").size() - 1).path("content").toString();
    }

    @Test
    void theLlmSeesPlaceholdersAndTheClientGetsItsValuesBack() throws IOException {
        t.mock.clearRequests();
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage(PROMPT).build());

        String sent = lastPromptSentUpstream();
        assertThat(sent).contains("<EMAIL_1> and <PHONE_1> want the invoice").doesNotContain("jane", "7946");
        assertThat(t.mock.requests().getLast().body()).doesNotContain("jane.doe", "7946 0958");
        assertThat(c.choices().getFirst().message().content()).hasValue("Mock response to: " + PROMPT);
    }

    @Test
    void aStreamedAnswerIsRestored() throws IOException {
        t.mock.clearRequests();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(PROMPT).build())) {
            s.stream().forEach(chunk -> chunk.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }
        assertThat(lastPromptSentUpstream()).contains("<EMAIL_1> and <PHONE_1>");
        assertThat(text.toString()).isEqualTo("Mock response to: " + PROMPT);
    }

    /** The content of each data event of a stream, in order ("" for events without content). */
    private List<String> deltas(String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(t.proxy(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<String> deltas = new ArrayList<>();
        for (TestGateway.SseLine line : t.sse(req)) {
            if (line.line().startsWith("data: {")) {
                TestGateway.JSON.readTree(line.line().substring(6)).path("choices")
                        .forEach(c -> deltas.add(c.path("delta").path("content").asText("")));
            }
        }
        return deltas;
    }

    @Test
    void placeholdersCutAcrossDeltasAreRestoredHoldingBackOnlyTheirBeginning() throws Exception {
        List<String> deltas = deltas("/paced-sanitized/v1/chat/completions",
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}");
        // "<EMA" and "<PHONE" wait for the rest of their placeholder; everything else goes on at once
        assertThat(deltas).containsSubsequence("Dear ", "", EMAIL, ", I will call ", "", PHONE + " ", "today.");
        assertThat(String.join("", deltas)).isEqualTo("Dear " + EMAIL + ", I will call " + PHONE + " today.");
    }

    @Test
    void aPlaceholderCutInsideAnSseEventAcrossNetworkChunksIsRestored() throws Exception {
        List<String> deltas = deltas("/split", "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "write to " + EMAIL + "\"}]}");
        assertThat(split.lastBody).contains("write to <EMAIL_1>").doesNotContain(EMAIL);
        assertThat(String.join("", deltas)).isEqualTo("Hello " + EMAIL + "!");
    }

    @Test
    void blockRefusesInOpenAisShapeAndSendsNothing() {
        t.mock.clearRequests();
        HttpResponse<String> res = t.sendJson("POST", t.proxy("/blocking/v1/chat/completions"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"my SSN is 536-22-8726\"}]}");
        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = json(res).path("error");
        assertThat(error.path("code").asText()).isEqualTo("sensitive_data_detected");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("ssn").doesNotContain("536");
        assertThat(t.mock.requests()).isEmpty();
        expect(200, t.sendJson("POST", t.proxy("/blocking/v1/chat/completions"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"nothing personal\"}]}"));
    }

    @Test
    void anthropicClientsGetTheirValuesBackToo() throws IOException {
        t.mock.clearRequests();
        AnthropicClient claude = AnthropicOkHttpClient.builder().apiKey("app-key")
                .baseUrl(t.proxy("/claude-sanitized")).maxRetries(0).build();
        Message m = claude.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(100)
                .system("Escalate to ops@corp.example").addUserMessage(PROMPT).build());
        assertThat(m.content().getFirst().text().orElseThrow().text()).isEqualTo("Mock response to: " + PROMPT);
        String sent = t.mock.requests().getLast().body();
        assertThat(sent).contains("<EMAIL_1>", "<PHONE_1>", "Escalate to <EMAIL_2>").doesNotContain("jane", "ops@corp");
    }

    @Test
    void theResponseCacheKeepsPlaceholdersSoAHitIsRestoredWithTheAskersOwnValues() {
        t.mock.clearRequests();
        HttpResponse<String> first = t.sendJson("POST", t.proxy("/cached/v1/chat/completions"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"anna@example.com asks for a refund\"}]}");
        HttpResponse<String> second = t.sendJson("POST", t.proxy("/cached/v1/chat/completions"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"boris@example.org asks for a refund\"}]}");

        assertThat(first.headers().firstValue("x-cache-status")).contains("Miss");
        assertThat(second.headers().firstValue("x-cache-status")).contains("Hit"); // the same prompt, once sanitized
        assertThat(t.mock.requests()).hasSize(1);
        assertThat(json(first).at("/choices/0/message/content").asText()).isEqualTo("Mock response to: anna@example.com asks for a refund");
        assertThat(json(second).at("/choices/0/message/content").asText()).isEqualTo("Mock response to: boris@example.org asks for a refund");
    }

    @Test
    void badConfigurationIsRefusedNamingTheMistake() {
        HttpResponse<String> res = t.sendJson("POST", t.admin("/routes/sanitized/plugins"), "{\"name\":\"ai-sanitizer\","
                + "\"config\":{\"custom_patterns\":[{\"name\":\"emp\",\"regex\":\"EMP-(\\\\d+\"}]}}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("custom_patterns[0].regex", "EMP-(").contains("not a valid regular expression");

        res = t.sendJson("POST", t.admin("/routes/sanitized/plugins"), "{\"name\":\"ai-sanitizer\","
                + "\"config\":{\"anonymize\":[\"passport\"]}}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("anonymize", "passport");
    }

    /**
     * A plain (non-ai-proxy) SSE upstream that cuts one event in the middle of a placeholder and
     * sends the two halves as separate network writes, so the gateway's body filter gets them
     * in separate chunks. Records the request body it got.
     */
    static final class SplitSseUpstream implements AutoCloseable {
        private final HttpServer server;
        volatile String lastBody = "";

        SplitSseUpstream() throws IOException {
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> {
                lastBody = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                String event = "data: {\"id\":\"s1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello <EMAIL_1>!\"},\"finish_reason\":null}]}\n\n";
                int cut = event.indexOf("<EMAIL_1>") + 4; // "<EMA" | "IL_1>"
                try (OutputStream out = ex.getResponseBody()) {
                    for (String part : List.of(event.substring(0, cut), event.substring(cut), "data: [DONE]\n\n")) {
                        out.write(part.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        pause();
                    }
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions";
        }

        private static void pause() {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
