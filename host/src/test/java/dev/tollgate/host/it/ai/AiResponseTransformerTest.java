package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.host.it.TestGateway;
import dev.tollgate.mockllm.MockFailure;
import dev.tollgate.mockllm.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ai-response-transformer on a real gateway, on plain proxied routes and on an ai-proxy route,
 * with the mock LLM as its LLM. The mock's answer quotes the first words of what it is given —
 * the upstream's body — so what the client gets is predictable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiResponseTransformerTest {
    private static final String PROMPT = "Summarise the response.";
    /** What the instructions upstream answers: one word, so the mock quotes it whole. */
    private static final String INSTRUCTIONS = "{\"status\":209,\"headers\":{\"x-verdict\":\"clean\"},\"body\":\"replaced\"}";
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    TestGateway t;
    HttpServer instructions;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        t = TestGateway.start("h2", dir);
        instructions = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        instructions.createContext("/", exchange -> {
            byte[] body = INSTRUCTIONS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        instructions.start();

        TransformerRoutes.plainRoute(t, "bytes", t.mock.baseUrl() + "/bytes");
        TransformerRoutes.add(t, "bytes", "ai-response-transformer", PROMPT, "");
        // A timeout of its own: LLM clients are pooled by connect timeout, and a pooled connection
        // that idled as long as its last read timeout may fail at once when reused (Helidon).
        TransformerRoutes.plainRoute(t, "slow", t.mock.baseUrl() + "/bytes");
        TransformerRoutes.add(t, "slow", "ai-response-transformer", PROMPT, "\"http_timeout\":700");
        TransformerRoutes.plainRoute(t, "instructed", "http://127.0.0.1:" + instructions.getAddress().getPort() + "/x");
        TransformerRoutes.add(t, "instructed", "ai-response-transformer", PROMPT,
                "\"parse_llm_response_json_instructions\":true,\"transformation_extract_pattern\":\"(\\\\{.*\\\\})\"");
        AiRoutes.create(t, "chat", "/chat", AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
        TransformerRoutes.add(t, "chat", "ai-response-transformer", PROMPT, "");
    }

    @AfterAll
    void stop() {
        instructions.stop(0);
        t.close();
    }

    @BeforeEach
    void reset() {
        t.mock.clearFailures();
        t.mock.clearRequests();
    }

    @Test
    void aProxiedBodyIsReplacedByTheLlmsAnswer() throws Exception {
        HttpResponse<String> res = expect(200, t.get(t.proxy("/bytes")));
        assertThat(res.body()).startsWith("Mock response to: abcdefghijklmnopqrstuvwxyzabc");
        assertThat(res.headers().firstValue("content-length")).contains(Integer.toString(res.body().length()));
        RecordedRequest asked = t.mock.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                .findFirst().orElseThrow();
        JsonNode body = TestGateway.JSON.readTree(asked.body());
        assertThat(body.at("/messages/0/content").asText()).isEqualTo(PROMPT);
        assertThat(body.at("/messages/1/content").asText()).hasSize(1024).startsWith("abcdefghij");
    }

    @Test
    void jsonInstructionsSetTheStatusHeadersAndBody() {
        HttpResponse<String> res = expect(209, t.get(t.proxy("/instructed")));
        assertThat(res.body()).isEqualTo("replaced");
        assertThat(res.headers().firstValue("x-verdict")).contains("clean");
    }

    @Test
    void anAiProxyAnswerIsTransformedAfterItsUsageWasTaken() throws Exception {
        HttpResponse<String> res = expect(200, t.sendJson("POST", t.proxy("/chat"), CHAT));
        assertThat(res.body()).startsWith("Mock response to: {");
        assertThat(res.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");
        assertThat(res.headers().firstValue("x-tollgate-model")).contains("gpt-4o");
        RecordedRequest proxied = t.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(TestGateway.JSON.readTree(proxied.body()).at("/messages/0/content").asText()).isEqualTo("hello");
        RecordedRequest transformer = t.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        JsonNode asked = TestGateway.JSON.readTree(transformer.body());
        assertThat(asked.at("/messages/1/content").asText()).contains("\"object\":\"chat.completion\"")
                .contains("Mock response to: hello");
    }

    @Test
    void aStreamedAnswerIsBufferedAndTransformedWhole() throws Exception {
        HttpResponse<String> res = expect(200, t.sendJson("POST", t.proxy("/chat"),
                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"));
        assertThat(res.body()).startsWith("Mock response to: data:");
        assertThat(res.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");
        t.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        RecordedRequest transformer = t.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(TestGateway.JSON.readTree(transformer.body()).at("/messages/1/content").asText())
                .contains("chat.completion.chunk").contains("[DONE]");
    }

    @Test
    void aFailingOrHungLlmGivesAnErrorNeverTheUntransformedBody() {
        t.mock.enqueue(MockFailure.status(503));
        HttpResponse<String> failed = expect(502, t.get(t.proxy("/bytes")));
        assertThat(json(failed).at("/error/code").asText()).isEqualTo("transformer_llm_failed");
        assertThat(failed.body()).doesNotContain("abcdefghij");

        t.mock.enqueue(MockFailure.hang());
        long start = System.nanoTime();
        HttpResponse<String> hung = expect(504, t.get(t.proxy("/slow")));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(json(hung).at("/error/code").asText()).isEqualTo("transformer_llm_timeout");

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(650);
        assertThat(expect(200, t.get(t.proxy("/slow"))).body()).startsWith("Mock response to: abc");
        assertThat(expect(200, t.get(t.proxy("/bytes"))).body()).startsWith("Mock response to: abc");
    }
}
