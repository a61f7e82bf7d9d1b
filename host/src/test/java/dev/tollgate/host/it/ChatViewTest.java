package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.mockllm.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat view: parsed once, shared, and written back to the upstream body only when a plugin changed it. */
class ChatViewTest {
    private static final String BODY = "{ \"model\" : \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}],"
            + " \"temperature\": 0.2 }";

    @TempDir
    Path dir;

    @Test
    void aChangedChatRequestIsWrittenBackAndAnUnchangedOneIsSentAsIs() throws Exception {
        try (TestGateway t = TestGateway.start("h2", dir)) {
            t.chatRoute("changed", "/changed");
            t.chatRoute("read", "/read");
            expect(201, t.postForm(t.admin("/services/changed/plugins"), "name=test-chat", "config.system=Be brief."));
            expect(201, t.postForm(t.admin("/services/read/plugins"), "name=test-chat"));

            expect(200, t.sendJson("POST", t.proxy("/changed"), BODY));
            RecordedRequest changed = t.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow();
            JsonNode sent = TestGateway.JSON.readTree(changed.body());
            assertThat(sent.get("messages").get(0).get("role").asText()).isEqualTo("system");
            assertThat(sent.get("messages").get(0).get("content").asText()).isEqualTo("Be brief.");
            assertThat(sent.get("messages").get(1).get("content").asText()).isEqualTo("Hi");
            assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(changed.header("x-chat-messages")).contains("1");
            assertThat(changed.header("content-length")).contains(Integer.toString(changed.body().getBytes().length));

            expect(200, t.sendJson("POST", t.proxy("/read"), BODY));
            RecordedRequest read = t.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow();
            assertThat(read.body()).isEqualTo(BODY); // byte for byte: nothing changed, nothing rewritten
        }
    }
}
