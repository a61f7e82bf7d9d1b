package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin chain against a real gateway, with the test plugins of host/src/test: scope
 * precedence, priority order, failures isolated per request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginChainTest {
    TestGateway t;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
        expect(201, t.postForm(t.admin("/services/echo/routes"), "name=r-tagged", "paths[]=/tagged"));
        expect(201, t.postForm(t.admin("/services/echo/routes"), "name=r-plain", "paths[]=/plain"));
        expect(201, t.postForm(t.admin("/services"), "name=other", "url=" + t.mock.baseUrl() + "/echo/y"));
        expect(201, t.postForm(t.admin("/services/other/routes"), "name=r-other", "paths[]=/other"));
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private JsonNode echo(String path) {
        return json(expect(200, t.get(t.proxy(path))));
    }

    private static String tags(JsonNode echo) {
        JsonNode h = echo.get("headers").get("x-tags");
        return h == null ? null : h.asText();
    }

    @Test
    void theMostSpecificInstanceWinsAndPriorityOrdersPlugins() {
        String global = json(expect(201, t.postForm(t.admin("/plugins"), "name=test-tag", "config.tag=global"))).get("id").asText();
        String onService = json(expect(201, t.postForm(t.admin("/services/echo/plugins"), "name=test-tag", "config.tag=service")))
                .get("id").asText();
        String onRoute = json(expect(201, t.postForm(t.admin("/routes/r-tagged/plugins"), "name=test-tag", "config.tag=route")))
                .get("id").asText();
        String low = json(expect(201, t.postForm(t.admin("/routes/r-tagged/plugins"), "name=test-tag-low", "config.tag=low")))
                .get("id").asText();
        try {
            assertThat(tags(echo("/tagged"))).isEqualTo("route, low"); // route beats service; priority 800 before 100
            assertThat(tags(echo("/plain"))).isEqualTo("service");
            assertThat(tags(echo("/other"))).isEqualTo("global");
            // Response phases run in reverse: the low-priority plugin first.
            HttpResponse<String> res = expect(200, t.get(t.proxy("/tagged")));
            assertThat(res.headers().allValues("x-tags-out")).containsExactly("low", "route");
        } finally {
            for (String id : List.of(global, onService, onRoute, low)) {
                expect(204, t.sendJson("DELETE", t.admin("/plugins/" + id), null));
            }
        }
        assertThat(tags(echo("/tagged"))).isNull();
    }

    @Test
    void aPluginThatImplementsAPhaseItDidNotDeclareIsRefusedNotSilentlyHalfRun() {
        String id = json(expect(201, t.postForm(t.admin("/routes/r-other/plugins"), "name=test-undeclared"))).get("id").asText();
        try {
            // Its header_filter would never run: rather than run half of it, the gateway fails closed.
            expect(500, t.get(t.proxy("/other")));
            expect(200, t.get(t.proxy("/plain")));
        } finally {
            expect(204, t.sendJson("DELETE", t.admin("/plugins/" + id), null));
        }
    }

    @Test
    void aThrowingPluginFailsOnlyItsOwnRequestsWithAJson500() {
        for (String phase : List.of("rewrite", "access", "header_filter")) {
            String id = json(expect(201, t.postForm(t.admin("/routes/r-other/plugins"), "name=test-throw", "config.phase=" + phase)))
                    .get("id").asText();
            try {
                HttpResponse<String> res = expect(500, t.get(t.proxy("/other")));
                assertThat(json(res).get("message").asText()).isEqualTo("An unexpected error occurred");
                expect(200, t.get(t.proxy("/plain"))); // other routes untouched
            } finally {
                expect(204, t.sendJson("DELETE", t.admin("/plugins/" + id), null));
            }
            expect(200, t.get(t.proxy("/other")));
        }
        // In body_filter, before the first byte went out the client still gets a clean 500; after it,
        // the only honest signal left is a cut connection. Either way, never a truncated 200.
        String bodyFilter = json(expect(201, t.postForm(t.admin("/routes/r-other/plugins"), "name=test-throw",
                "config.phase=body_filter"))).get("id").asText();
        try {
            try {
                HttpResponse<String> res = t.get(t.proxy("/other"));
                assertThat(res.statusCode()).isEqualTo(500);
                assertThat(json(res).get("message").asText()).isEqualTo("An unexpected error occurred");
            } catch (java.io.UncheckedIOException cut) {
                assertThat(cut).hasRootCauseInstanceOf(java.io.IOException.class);
            }
            expect(200, t.get(t.proxy("/plain")));
        } finally {
            expect(204, t.sendJson("DELETE", t.admin("/plugins/" + bodyFilter), null));
        }
        expect(200, t.get(t.proxy("/other")));
        // In the log phase the client already has its answer.
        String id = json(expect(201, t.postForm(t.admin("/routes/r-other/plugins"), "name=test-throw", "config.phase=log")))
                .get("id").asText();
        expect(200, t.get(t.proxy("/other")));
        expect(204, t.sendJson("DELETE", t.admin("/plugins/" + id), null));
    }

    @Test
    void theResponsePhaseSeesTheWholeBodyAndMayReplaceIt() {
        t.chatRoute("whole", "/whole");
        String id = json(expect(201, t.postForm(t.admin("/services/whole/plugins"), "name=test-response"))).get("id").asText();
        try {
            var res = expect(200, t.sendJson("POST", t.proxy("/whole"), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            JsonNode body = json(res);
            assertThat(body.get("summary").asText()).isEqualTo("json");
            assertThat(res.headers().firstValue("x-original-length").orElseThrow()).isEqualTo(body.get("bytes").asText());
            assertThat(res.headers().firstValue("content-length")).contains(Integer.toString(res.body().length()));
            // A stream is held until complete, then replaced as a whole.
            var stream = expect(200, t.sendJson("POST", t.proxy("/whole"),
                    "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            assertThat(json(stream).get("summary").asText()).isEqualTo("stream");
        } finally {
            expect(204, t.sendJson("DELETE", t.admin("/plugins/" + id), null));
        }
    }

    @Test
    void pluginConfigIsValidatedWhenWritten() {
        JsonNode unknown = json(expect(400, t.postForm(t.admin("/plugins"), "name=no-such-plugin")));
        assertThat(unknown.get("fields").get("name").asText()).contains("not enabled");
        JsonNode missing = json(expect(400, t.postForm(t.admin("/plugins"), "name=test-tag")));
        assertThat(missing.get("fields").get("config.tag").asText()).isEqualTo("required field missing");
        JsonNode extra = json(expect(400, t.sendJson("POST", t.admin("/plugins"),
                "{\"name\":\"test-tag\",\"config\":{\"tag\":\"x\",\"nope\":1}}")));
        assertThat(extra.get("fields").get("config.nope").asText()).isEqualTo("unknown field");
        JsonNode type = json(expect(400, t.sendJson("POST", t.admin("/plugins"),
                "{\"name\":\"test-throw\",\"config\":{\"phase\":\"never\"}}")));
        assertThat(type.get("fields").get("config.phase").asText()).contains("expected one of");
    }

    @Test
    void enabledPluginsAndSchemas() {
        JsonNode enabled = json(expect(200, t.get(t.admin("/plugins/enabled"))));
        assertThat(enabled.get("enabled_plugins").toString()).contains("\"test-tag\"", "\"key-auth\"", "\"rate-limiting\"");
        JsonNode schema = json(expect(200, t.get(t.admin("/schemas/plugins/test-tag"))));
        assertThat(schema.get("fields").get(0).get("name").asText()).isEqualTo("tag");
        assertThat(schema.get("fields").get(0).get("description").asText()).isNotBlank();
        expect(404, t.get(t.admin("/schemas/plugins/nope")));
        HttpResponse<String> res = t.send(HttpRequest.newBuilder(URI.create(t.admin("/schemas/plugins/key-auth"))).GET().build());
        assertThat(json(res).get("credential").get("kind").asText()).isEqualTo("key-auth");
    }
}
