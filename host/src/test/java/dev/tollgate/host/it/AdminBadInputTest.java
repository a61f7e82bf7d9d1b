package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and mistaken Admin API input: always a 4xx naming the problem, and the gateway keeps serving. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminBadInputTest {
    TestGateway t;

    /** The storage mode this run uses: "h2" or "postgres". */
    abstract String mode();

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start(mode(), dir);
        t.chatRoute("bad-input-svc", "/bad-input");
    }

    @AfterAll
    void stop() {
        t.close();
    }

    @AfterEach
    void stillServing() {
        expect(200, t.sendJson("POST", t.proxy("/bad-input"), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        expect(200, t.get(t.admin("/status")));
    }

    @Test
    void malformedJson() {
        JsonNode err = json(expect(400, t.sendJson("POST", t.admin("/services"), "{\"name\": \"x\", ")));
        assertThat(err.get("message").asText()).contains("Cannot parse JSON body");
        assertThat(json(expect(400, t.sendJson("POST", t.admin("/services"), "[1,2]"))).get("message").asText())
                .contains("expected a JSON object");
    }

    @Test
    void jsonNestedTooDeeplyIsNamed() {
        String deep = "{\"name\":\"deep\",\"tags\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        JsonNode err = json(expect(400, t.sendJson("POST", t.admin("/services"), deep)));
        assertThat(err.get("message").asText()).isEqualTo("Cannot parse JSON body: nested deeper than 64 levels (expected: at most 64)");
        String ok = "{\"name\":\"shallow\",\"url\":\"http://127.0.0.1:9/\",\"tags\":[\"a\"]}";
        expect(201, t.sendJson("POST", t.admin("/services"), ok));
    }

    @Test
    void unknownFieldsAreNamed() {
        JsonNode err = json(expect(400, t.sendJson("POST", t.admin("/services"), "{\"host\":\"a.b\",\"hots\":\"x\"}")));
        assertThat(err.get("name").asText()).isEqualTo("schema violation");
        assertThat(err.get("fields").get("hots").asText()).contains("unknown field");
    }

    @Test
    void wrongTypesAndRangesAreNamed() {
        JsonNode err = json(expect(400, t.sendJson("POST", t.admin("/services"),
                "{\"host\":\"a.b\",\"port\":\"eighty\",\"retries\":-1,\"tls_verify\":\"yes\",\"tags\":\"x\"}")));
        assertThat(err.get("fields").get("port").asText()).contains("expected an integer");
        assertThat(err.get("fields").get("retries").asText()).contains("out of range");
        assertThat(err.get("fields").get("tls_verify").asText()).contains("expected a boolean");
        assertThat(err.get("fields").get("tags").asText()).contains("expected an array");
        assertThat(json(expect(400, t.postForm(t.admin("/services"), "host=a.b", "port=99999"))).get("fields").get("port").asText())
                .contains("out of range");
        assertThat(json(expect(400, t.postForm(t.admin("/services"), "url=not a url"))).get("fields").has("url")).isTrue();
        assertThat(json(expect(400, t.postForm(t.admin("/services"), "url=ftp://x.y/z"))).get("fields").get("protocol").asText())
                .contains("http, https");
    }

    @Test
    void aFieldBesideUrlMustAgreeWithIt() {
        JsonNode err = json(expect(400, t.sendJson("POST", t.admin("/services"),
                "{\"name\":\"both\",\"url\":\"http://127.0.0.1:9/v1\",\"port\":\"abc\"}")));
        assertThat(err.get("fields").get("port").asText())
                .isEqualTo("'abc' conflicts with url, which sets port '9' (give one or the other)");
        assertThat(json(expect(400, t.postForm(t.admin("/services"), "name=both", "url=http://127.0.0.1:9/v1", "path=/v2")))
                .get("fields").get("path").asText()).contains("conflicts with url");
        for (String url : new String[] {"http://user:secret@127.0.0.1:9/v1", "http://127.0.0.1:9/v1?key=1", "http://127.0.0.1:9/v1#x"}) {
            String refused = json(expect(400, t.postForm(t.admin("/services"), "name=parts", "url=" + url))).get("fields").get("url").asText();
            assertThat(refused).doesNotContain("secret").containsAnyOf("user information", "query", "fragment");
        }
        // what url says may be said again: tools that send both keep working
        expect(201, t.postForm(t.admin("/services"), "name=both", "url=http://127.0.0.1:9/v1", "port=9", "protocol=HTTP"));
    }

    @Test
    void requiredFieldsAndRouteRules() {
        assertThat(json(expect(400, t.sendJson("POST", t.admin("/services"), "{}"))).get("fields").get("host").asText())
                .contains("required");
        assertThat(json(expect(400, t.sendJson("POST", t.admin("/routes"), "{\"name\":\"empty\"}"))).get("fields").get("@entity").asText())
                .contains("must set one of");
        assertThat(json(expect(400, t.postForm(t.admin("/routes"), "paths[]=~/(unclosed"))).get("fields").get("paths").asText())
                .contains("invalid regex");
        assertThat(json(expect(400, t.postForm(t.admin("/routes"), "paths[]=no-slash"))).get("fields").get("paths").asText())
                .contains("invalid path");
        JsonNode wildcard = json(expect(400, t.postForm(t.admin("/routes"), "hosts[]=a.*.example.com")));
        assertThat(wildcard.get("fields").fieldNames()).toIterable().containsExactly("hosts");
    }

    @Test
    void duplicatesAre409() {
        JsonNode err = json(expect(409, t.postForm(t.admin("/services"), "name=bad-input-svc", "url=http://127.0.0.1:1/")));
        assertThat(err.get("name").asText()).isEqualTo("unique constraint violation");
        assertThat(err.get("fields").get("name").asText()).isEqualTo("bad-input-svc");
    }

    @Test
    void referencesToMissingEntities() {
        JsonNode err = json(expect(400, t.sendJson("POST", t.admin("/routes"),
                "{\"paths\":[\"/x\"],\"service\":{\"id\":\"7b1b4b2e-6b8e-4d5e-9b0a-000000000000\"}}")));
        assertThat(err.get("fields").get("service").asText()).contains("does not exist");
        expect(404, t.postForm(t.admin("/services/no-such-service/routes"), "paths[]=/x"));
        expect(404, t.get(t.admin("/consumers/nobody/plugins")));
        assertThat(json(expect(400, t.sendJson("POST", t.admin("/routes"), "{\"paths\":[\"/x\"],\"service\":42}")))
                .get("fields").get("service").asText()).contains("expected a reference");
    }

    @Test
    void absurdSizes() {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        expect(413, t.sendJson("POST", t.admin("/services"), huge));
        JsonNode err = json(expect(400, t.sendJson("POST", t.admin("/services"),
                "{\"host\":\"a.b\",\"name\":\"" + "n".repeat(5000) + "\"}")));
        assertThat(err.get("fields").has("name")).isTrue();
        expect(400, t.get(t.admin("/services?size=100000")));
        expect(400, t.get(t.admin("/services?size=abc")));
        expect(400, t.get(t.admin("/services?offset=@@notatoken")));
        expect(400, t.sendJson("POST", t.admin("/services"), "{\"host\":\"a.b\",\"port\":1e400}"));
    }

    @Test
    void unknownPathsAndBadIds() {
        assertThat(json(expect(404, t.get(t.admin("/nope")))).get("message").asText()).isEqualTo("Not found");
        assertThat(json(expect(405, t.sendJson("DELETE", t.admin("/services"), null))).get("message").asText())
                .isEqualTo("Method not allowed");
        expect(405, t.sendJson("POST", t.admin("/services/bad-input-svc"), "{}"));
        expect(404, t.get(t.admin("/services/7b1b4b2e-6b8e-4d5e-9b0a-000000000000")));
        expect(400, t.sendJson("POST", t.admin("/consumers"), "{\"username\":\"u\",\"id\":\"not-a-uuid\"}"));
        expect(415, t.send(HttpRequest.newBuilder(URI.create(t.admin("/consumers")))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--")).build()));
    }

    /** On the embedded H2 store. */
    static final class H2 extends AdminBadInputTest {
        @Override
        String mode() {
            return "h2";
        }
    }

    /** On PostgreSQL. */
    static final class Postgres extends AdminBadInputTest {
        @Override
        String mode() {
            return "postgres";
        }
    }
}
