package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.it.ai.AiRoutes;
import dev.tollgate.mockllm.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body a plugin set is what later plugins see, through the chat view and through
 * {@code upstreamRequest().body()}; a response-phase plugin can change the client's status.
 */
class UpstreamBodyTest {
    private static final String CLIENT = "{\"messages\":[{\"role\":\"user\",\"content\":\"original\"}]}";
    private static final String REPLACED = "{\"messages\":[{\"role\":\"user\",\"content\":\"replaced\"}]}";

    @TempDir
    Path dir;

    @Test
    void theChatViewAndLaterPluginsSeeTheBodyAnEarlierPluginSet() throws Exception {
        try (TestGateway t = TestGateway.start("h2", dir)) {
            t.chatRoute("chat", "/chat");
            expect(201, t.sendJson("POST", t.admin("/services/chat/plugins"),
                    "{\"name\":\"test-body\",\"config\":{\"set\":" + TestGateway.JSON.writeValueAsString(REPLACED) + "}}"));
            expect(201, t.postForm(t.admin("/services/chat/plugins"), "name=test-chat", "config.system=Be brief."));
            expect(201, t.postForm(t.admin("/services/chat/plugins"), "name=test-body-low"));

            expect(200, t.sendJson("POST", t.proxy("/chat"), CLIENT));
            RecordedRequest got = t.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow();
            JsonNode sent = TestGateway.JSON.readTree(got.body());
            assertThat(sent.get("messages")).hasSize(2);
            assertThat(sent.get("messages").get(0).get("content").asText()).isEqualTo("Be brief.");
            assertThat(sent.get("messages").get(1).get("content").asText()).isEqualTo("replaced");
            // test-chat counted the replaced body's messages, and the plugin after it saw its change
            assertThat(got.header("x-chat-messages")).contains("1");
            JsonNode seen = TestGateway.JSON.readTree(got.header("x-upstream-body").orElseThrow());
            assertThat(seen).isEqualTo(sent);
        }
    }

    @Test
    void aResponsePhasePluginSetsTheStatusOnProxiedAndHandledReplies() {
        try (TestGateway t = TestGateway.start("h2", dir)) {
            t.chatRoute("chat", "/chat");
            expect(201, t.postForm(t.admin("/services/chat/plugins"), "name=test-body-low", "config.status=299"));
            AiRoutes.create(t, "ai", "/ai", AiRoutes.openAi(t.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
            expect(201, t.postForm(t.admin("/routes/ai/plugins"), "name=test-body-low", "config.status=203"));

            assertThat(expect(299, t.sendJson("POST", t.proxy("/chat"), CLIENT)).body()).contains("Mock response to");
            assertThat(expect(203, t.sendJson("POST", t.proxy("/ai"), CLIENT)).body()).contains("Mock response to");
        }
    }
}
