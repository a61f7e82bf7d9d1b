package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
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
 * ai-request-transformer on a real gateway, in front of ai-proxy, with the mock LLM as both the
 * transformer's LLM and the route's. The mock answers "Mock response to: " and the first words of
 * the last user message — here the client's whole body, one word long — so an extract pattern
 * takes the new body out of the quote deterministically.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiRequestTransformerTest {
    private static final String PROMPT = "Use the body's rewrite member as the new body.";
    /** No spaces: the mock quotes all of it. */
    private static final String CLIENT = "{\"rewrite\":{\"messages\":[{\"role\":\"user\",\"content\":\"rewritten\"}]},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"original\"}]}";
    private static final String PATTERN = "\"rewrite\":(\\{.*?\\}\\]\\})";
    private static final String SIMPLE = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    TestGateway t;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        String chat = t.mock.baseUrl() + "/v1/chat/completions";
        AiRoutes.create(t, "rewritten", "/rewritten", AiRoutes.openAi(chat, "gpt-4o"));
        TransformerRoutes.add(t, "rewritten", "ai-request-transformer", PROMPT,
                "\"transformation_extract_pattern\":" + TransformerRoutes.quote(PATTERN));
        expect(201, t.postForm(t.admin("/routes/rewritten/plugins"), "name=test-chat", "config.system=Be brief."));
        AiRoutes.create(t, "strict", "/strict", AiRoutes.openAi(chat, "gpt-4o"));
        TransformerRoutes.add(t, "strict", "ai-request-transformer", PROMPT, "");
        // A timeout of its own: LLM clients are pooled by connect timeout, and a pooled connection
        // that idled as long as its last read timeout may fail at once when reused (Helidon).
        AiRoutes.create(t, "hung", "/hung", AiRoutes.openAi(chat, "gpt-4o"));
        TransformerRoutes.add(t, "hung", "ai-request-transformer", PROMPT, "\"http_timeout\":700");
    }

    @AfterAll
    void stop() {
        t.close();
    }

    @BeforeEach
    void reset() {
        t.mock.clearFailures();
        t.mock.clearRequests();
    }

    private RecordedRequest next() {
        return t.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("the mock got no request"));
    }

    @Test
    void theLlmsBodyIsWhatThePromptPluginsAndAiProxySee() throws Exception {
        HttpResponse<String> res = expect(200, t.sendJson("POST", t.proxy("/rewritten"), CLIENT));

        assertThat(json(res).at("/choices/0/message/content").asText()).isEqualTo("Mock response to: rewritten");
        RecordedRequest transformer = next();
        JsonNode asked = TestGateway.JSON.readTree(transformer.body());
        assertThat(asked.get("model").asText()).isEqualTo("mock-gpt");
        assertThat(transformer.header("authorization")).contains("Bearer sk-transformer");
        assertThat(asked.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(asked.at("/messages/0/content").asText()).isEqualTo(PROMPT);
        assertThat(asked.at("/messages/1/content").asText()).isEqualTo(CLIENT);

        RecordedRequest proxied = next();
        JsonNode sent = TestGateway.JSON.readTree(proxied.body());
        assertThat(sent.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(sent.get("messages")).hasSize(2); // test-chat's system message on the transformed body
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("rewritten");
        assertThat(sent.has("rewrite")).isFalse();
    }

    @Test
    void anAnswerThatIsNotJsonIsABadGatewayAndAiProxyIsNotCalled() {
        // Without a pattern the mock's answer is prose around the body: not JSON.
        HttpResponse<String> res = expect(502, t.sendJson("POST", t.proxy("/strict"), SIMPLE));
        assertThat(json(res).at("/error/code").asText()).isEqualTo("transformer_answer_unusable");
        assertThat(json(res).at("/error/type").asText()).isEqualTo("api_error");
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        next();
        assertThat(t.mock.takeRequest(Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void aFailingTransformerLlmIsAClearErrorAndTheNextRequestIsServed() {
        t.mock.enqueue(MockFailure.status(500));
        HttpResponse<String> res = expect(502, t.sendJson("POST", t.proxy("/rewritten"), CLIENT));
        assertThat(json(res).at("/error/code").asText()).isEqualTo("transformer_llm_failed");
        assertThat(json(res).at("/error/message").asText()).contains("500").doesNotContain("127.0.0.1");
        assertThat(t.mock.requests()).hasSize(1);

        t.mock.clearRequests();
        assertThat(json(expect(200, t.sendJson("POST", t.proxy("/rewritten"), CLIENT)))
                .at("/choices/0/message/content").asText()).isEqualTo("Mock response to: rewritten");
    }

    @Test
    void aHungTransformerLlmTimesOutAndTheGatewayKeepsServing() {
        t.mock.enqueue(MockFailure.hang());
        long start = System.nanoTime();
        HttpResponse<String> res = expect(504, t.sendJson("POST", t.proxy("/hung"), SIMPLE));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(took).isBetween(650L, 5_000L);
        assertThat(json(res).at("/error/code").asText()).isEqualTo("transformer_llm_timeout");

        t.mock.clearRequests();
        expect(200, t.sendJson("POST", t.proxy("/rewritten"), CLIENT));
    }

    @Test
    void theAdminApiNamesWhatATransformerConfigurationLacks() {
        AiRoutes.create(t, "bad-config", "/bad-config", AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
        HttpResponse<String> res = expect(400, t.sendJson("POST", t.admin("/routes/bad-config/plugins"),
                "{\"name\":\"ai-request-transformer\",\"config\":{\"prompt\":\"x\",\"llm\":{\"model\":{\"provider\":\"openai\"}}}}"));
        assertThat(res.body()).contains("config.llm.model.name");
        res = expect(400, t.sendJson("POST", t.admin("/routes/bad-config/plugins"),
                "{\"name\":\"ai-request-transformer\",\"config\":{\"llm\":{\"model\":{\"provider\":\"openai\",\"name\":\"m\"}},"
                        + "\"transformation_extract_pattern\":\"(\"}}"));
        assertThat(res.body()).contains("prompt").contains("transformation_extract_pattern");
        JsonNode schema = json(expect(200, t.get(t.admin("/schemas/plugins/ai-request-transformer"))));
        assertThat(schema.toString()).contains("max_request_body_size").contains("header_value");
        // the credential is a secret field of the shared auth block: never returned
        assertThat(expect(200, t.get(t.admin("/routes/rewritten/plugins"))).body())
                .contains("ai-request-transformer").doesNotContain("sk-transformer");
    }
}
