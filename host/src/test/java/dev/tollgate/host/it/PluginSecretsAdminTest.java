package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.host.it.ai.AiRoutes;
import dev.tollgate.mockllm.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets in plugin config are shown as "<redacted>" and kept when a client (the admin UI's
 * forms, a GET-edit-PUT script) sends that placeholder back, nested or in a list; a PATCH of a
 * nested record keeps its other fields.
 */
class PluginSecretsAdminTest {
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String keySeen(TestGateway g) {
        g.mock.clearRequests();
        expect(200, g.postJson(g.proxy("/secret/v1/chat/completions"), CHAT));
        RecordedRequest r = g.mock.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("x-key"))
                .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }

    @Test
    void theRedactedPlaceholderKeepsTheStoredSecret(@TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start("h2", dir)) {
            String url = g.mock.baseUrl() + "/v1/chat/completions";
            AiRoutes.create(g, "secret", "/secret", "{\"auth\":{\"header_name\":\"x-key\",\"header_value\":\"s3cret\"},"
                    + "\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o\",\"options\":{\"upstream_url\":\"" + url + "\"}}}");
            JsonNode plugin = TestGateway.JSON.readTree(g.get(g.admin("/routes/secret/plugins")).body()).at("/data/0");
            assertThat(plugin.at("/config/auth/header_value").asText()).isEqualTo("<redacted>");
            assertThat(keySeen(g)).isEqualTo("s3cret");
            String id = plugin.get("id").asText();

            // GET, edit, PUT: the placeholder goes back and the secret stays
            ObjectNode edited = plugin.deepCopy();
            ((ObjectNode) edited.get("config")).put("route_type", "llm/v1/chat");
            expect(200, g.sendJson("PUT", g.admin("/plugins/" + id), edited.toString()));
            assertThat(keySeen(g)).isEqualTo("s3cret");

            // PATCH of the nested record: the other fields of auth stay
            expect(200, g.sendJson("PATCH", g.admin("/plugins/" + id), "{\"config\":{\"auth\":{\"header_name\":\"x-key\"}}}"));
            assertThat(keySeen(g)).isEqualTo("s3cret");

            // a new value replaces it
            expect(200, g.sendJson("PATCH", g.admin("/plugins/" + id), "{\"config\":{\"auth\":{\"header_value\":\"rotated\"}}}"));
            assertThat(keySeen(g)).isEqualTo("rotated");

            // on a new plugin the placeholder is no value at all, never the text "<redacted>"
            expect(204, g.sendJson("DELETE", g.admin("/plugins/" + id), null));
            expect(201, g.sendJson("POST", g.admin("/routes/secret/plugins"), "{\"name\":\"ai-proxy\",\"config\":{"
                    + "\"auth\":{\"header_name\":\"x-key\",\"header_value\":\"<redacted>\"},"
                    + "\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o\",\"options\":{\"upstream_url\":\"" + url + "\"}}}}"));
            assertThat(keySeen(g)).isNull();
        }
    }
}
