package dev.tollgate.host.it.ai;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Configuring ai-proxy through the Admin API: secrets stay hidden, mistakes are named, vault references resolve. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiProxyAdminTest {
    TestGateway t;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        expect(201, t.postForm(t.admin("/services"), "name=ai", "url=http://127.0.0.1:9"));
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private HttpResponse<String> addPlugin(String config) {
        return t.sendJson("POST", t.admin("/services/ai/plugins"), "{\"name\":\"ai-proxy\",\"config\":" + config + "}");
    }

    @Test
    void credentialsAreRedactedInEveryTargetAndSurviveAPatch() {
        String url = t.mock.baseUrl() + "/v1/chat/completions";
        JsonNode created = json(expect(201, addPlugin("{\"targets\":[{\"model\":{\"provider\":\"openai\",\"name\":\"a\","
                + "\"options\":{\"upstream_url\":\"" + url + "\"}},\"auth\":{\"header_value\":\"sk-very-secret-1\"}},"
                + "{\"model\":{\"provider\":\"anthropic\",\"name\":\"b\"},\"auth\":{\"header_value\":\"sk-very-secret-2\"}}]}")));
        String id = created.get("id").asText();
        String shown = t.get(t.admin("/plugins/" + id)).body();
        assertThat(shown).doesNotContain("sk-very-secret").contains("<redacted>");
        assertThat(created.toString()).doesNotContain("sk-very-secret");

        expect(200, t.sendJson("PATCH", t.admin("/plugins/" + id), "{\"config\":{\"balancer\":{\"retries\":0}}}"));
        expect(201, t.postForm(t.admin("/services/ai/routes"), "name=ai-admin", "paths[]=/ai-admin"));
        t.mock.clearRequests();
        expect(200, t.sendJson("POST", t.proxy("/ai-admin"), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(t.mock.requests().getLast().header("authorization")).contains("Bearer sk-very-secret-1");
        expect(204, t.sendJson("DELETE", t.admin("/plugins/" + id), null));
    }

    @Test
    void mistakesAreNamedField() {
        HttpResponse<String> res = addPlugin("{\"targets\":[{\"model\":{\"provider\":\"openai\",\"name\":\"a\"}},"
                + "{\"model\":{\"provider\":\"deepthought\"}}]}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("targets[1].model.provider");

        res = addPlugin("{\"model\":{\"provider\":\"openai-compatible\",\"name\":\"llama\"}}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("upstream_url");

        res = addPlugin("{\"model\":{\"provider\":\"openai\"},\"balancer\":{\"algorithm\":\"random\"}}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("balancer.algorithm");
    }

    @Test
    void anUnsetVaultVariableFailsClosedWithoutLeakingAnything() {
        String id = json(expect(201, addPlugin("{\"model\":{\"provider\":\"openai\",\"name\":\"a\",\"options\":{"
                + "\"upstream_url\":\"" + t.mock.baseUrl() + "/v1/chat/completions\"}},"
                + "\"auth\":{\"header_value\":\"{vault://env/TOLLGATE_TEST_UNSET_KEY}\"}}"))).get("id").asText();
        expect(201, t.postForm(t.admin("/services/ai/routes"), "name=ai-vault", "paths[]=/ai-vault"));
        HttpResponse<String> res = t.sendJson("POST", t.proxy("/ai-vault"), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).isEqualTo(500);
        expect(204, t.sendJson("DELETE", t.admin("/plugins/" + id), null));
    }
}
