package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The built-in plugins in a running gateway: what a client and the upstream see. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltinPluginsTest {
    TestGateway t;
    Path dir;

    @BeforeAll
    void start(@TempDir Path dir) {
        this.dir = dir;
        t = TestGateway.start("h2", dir);
        expect(201, t.postForm(t.admin("/consumers"), "username=alice"));
        expect(201, t.postForm(t.admin("/consumers"), "username=bob"));
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private void echoRoute(String name) {
        expect(201, t.postForm(t.admin("/services"), "name=" + name, "url=" + t.mock.baseUrl() + "/echo/" + name));
        expect(201, t.postForm(t.admin("/services/" + name + "/routes"), "paths[]=/" + name));
    }

    private HttpResponse<String> get(String path, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(t.proxy(path))).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return t.send(b.build());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicAuthWithAclGroups() {
        echoRoute("members");
        expect(201, t.postForm(t.admin("/consumers/alice/basic-auth"), "username=alice", "password=wonderland"));
        expect(201, t.postForm(t.admin("/consumers/bob/basic-auth"), "username=bob", "password=builder"));
        JsonNode group = json(expect(201, t.postForm(t.admin("/consumers/alice/acls"), "group=pro")));
        assertThat(group.get("group").asText()).isEqualTo("pro");
        expect(201, t.postForm(t.admin("/consumers/bob/acls"), "group=pro")); // the same group for another consumer
        expect(409, t.postForm(t.admin("/consumers/bob/acls"), "group=pro"));
        expect(204, t.sendJson("DELETE", t.admin("/consumers/bob/acls/pro"), null));
        JsonNode cred = json(expect(200, t.get(t.admin("/consumers/alice/basic-auth/alice"))));
        assertThat(cred.get("password").asText()).isEqualTo("<redacted>");

        expect(201, t.postForm(t.admin("/services/members/plugins"), "name=basic-auth"));
        expect(201, t.postForm(t.admin("/services/members/plugins"), "name=acl", "config.allow[]=pro"));

        HttpResponse<String> none = expect(401, get("/members"));
        assertThat(none.headers().firstValue("www-authenticate").orElse("")).startsWith("Basic realm=");
        expect(401, get("/members", "Authorization", basic("alice", "wrong")));
        JsonNode ok = json(expect(200, get("/members", "Authorization", basic("alice", "wonderland"))));
        assertThat(ok.get("headers").get("x-consumer-username").asText()).isEqualTo("alice");
        assertThat(ok.get("headers").get("x-consumer-groups").asText()).isEqualTo("pro");
        assertThat(json(expect(403, get("/members", "Authorization", basic("bob", "builder")))).get("message").asText())
                .isEqualTo("You cannot consume this service");
    }

    @Test
    void corsPreflightAndIpRestriction() {
        echoRoute("browser");
        expect(201, t.postForm(t.admin("/services/browser/plugins"), "name=cors", "config.origins[]=https://app.example"));
        HttpResponse<String> preflight = t.send(HttpRequest.newBuilder(URI.create(t.proxy("/browser")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST").build());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("https://app.example");
        assertThat(get("/browser", "Origin", "https://app.example").headers().firstValue("access-control-allow-origin"))
                .contains("https://app.example");

        echoRoute("internal");
        expect(201, t.postForm(t.admin("/services/internal/plugins"), "name=ip-restriction", "config.deny[]=127.0.0.0/8"));
        assertThat(json(expect(403, get("/internal"))).get("message").asText()).isEqualTo("Your IP address is not allowed");
    }

    @Test
    void transformersChangeTheRequestAndTheJsonResponse() {
        echoRoute("shaped");
        expect(201, t.postForm(t.admin("/services/shaped/plugins"), "name=request-transformer",
                "config.add.headers[]=X-Team:search", "config.remove.querystring[]=debug"));
        expect(201, t.postForm(t.admin("/services/shaped/plugins"), "name=response-transformer",
                "config.add.json[]=gateway:tollgate", "config.remove.json[]=query", "config.add.headers[]=X-Shaped:yes"));
        HttpResponse<String> res = expect(200, get("/shaped?debug=1&keep=2"));
        JsonNode body = json(res);
        assertThat(body.get("headers").get("x-team").asText()).isEqualTo("search");
        assertThat(body.get("gateway").asText()).isEqualTo("tollgate"); // added by the body filter
        assertThat(body.has("query")).isFalse();
        assertThat(res.headers().firstValue("x-shaped")).contains("yes");
    }

    @Test
    void aBodyAPluginReadsIsStillBoundByTheLimit() {
        echoRoute("bodykey");
        expect(201, t.postForm(t.admin("/services/bodykey/plugins"), "name=key-auth", "config.key_in_body=true"));
        byte[] big = new byte[11 * 1024 * 1024]; // over the default 10 MiB, sent chunked
        java.util.Arrays.fill(big, (byte) 'a');
        HttpResponse<String> res = t.send(HttpRequest.newBuilder(URI.create(t.proxy("/bodykey")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build());
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(json(res).get("message").asText()).isEqualTo("Request size limit exceeded");
    }

    @Test
    void secretConfigValuesAreNeverShown() {
        echoRoute("secretive");
        JsonNode created = json(expect(201, t.sendJson("POST", t.admin("/services/secretive/plugins"),
                "{\"name\":\"rate-limiting\",\"config\":{\"minute\":100,\"policy\":\"redis\","
                        + "\"redis\":{\"host\":\"127.0.0.1\",\"password\":\"hunter2\"}}}")));
        assertThat(created.get("config").get("redis").get("password").asText()).isEqualTo("<redacted>");
        String id = created.get("id").asText();
        assertThat(t.get(t.admin("/plugins/" + id)).body()).doesNotContain("hunter2");
        // A PATCH of another field keeps the stored secret.
        expect(200, t.sendJson("PATCH", t.admin("/plugins/" + id), "{\"config\":{\"minute\":50}}"));
        assertThat(t.gateway.snapshots().current().data().plugins().stream()
                .filter(p -> p.id().equals(id)).findFirst().orElseThrow().config().toString()).contains("hunter2");
        expect(204, t.sendJson("DELETE", t.admin("/plugins/" + id), null));
    }

    @Test
    void correlationIdAndFileLog() throws Exception {
        echoRoute("traced");
        Path log = dir.resolve("access.log");
        expect(201, t.postForm(t.admin("/services/traced/plugins"), "name=correlation-id", "config.echo_downstream=true"));
        expect(201, t.postForm(t.admin("/services/traced/plugins"), "name=file-log", "config.path=" + log));
        HttpResponse<String> res = expect(200, get("/traced", "apikey", "not-for-logs"));
        String id = res.headers().firstValue("tollgate-request-id").orElseThrow();
        assertThat(json(res).get("headers").get("tollgate-request-id").asText()).isEqualTo(id);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!(Files.exists(log) && Files.readString(log).contains("/traced")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50); // the log phase runs after the response
        }
        JsonNode entry = TestGateway.JSON.readTree(Files.readAllLines(log).getLast());
        assertThat(entry.get("request").get("uri").asText()).startsWith("/traced");
        assertThat(entry.get("response").get("status").asInt()).isEqualTo(200);
        assertThat(entry.get("request").get("headers").get("apikey").asText()).isEqualTo("REDACTED");
        assertThat(entry.get("latencies").get("request").asLong()).isNotNegative();
    }
}
