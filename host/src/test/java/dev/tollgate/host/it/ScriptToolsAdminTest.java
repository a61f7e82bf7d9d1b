package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The script test-run ({@code POST /script-plugins/test-run}) and saved versions, as the admin UI's editor uses them. */
class ScriptToolsAdminTest {
    private static final String STAMP = """
            export const name = "stamp";
            export const schema = {team: {type: "string", description: "who", default: "core"}};
            export function access(ctx, config) {
              ctx.upstream.setHeader("x-team", config.team);
              ctx.log.info("stamped for " + config.team);
            }
            """;

    private static JsonNode json(String s) throws Exception {
        return TestGateway.JSON.readTree(s);
    }

    private static ObjectNode trial(String source) {
        ObjectNode b = TestGateway.JSON.createObjectNode().put("source", source);
        if (source.contains("config.team")) {
            b.putObject("config").put("team", "ml");
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aTestRunShowsTheUpstreamRequestAndDeploysNothing(String mode, @TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start(mode, dir)) {
            JsonNode r = json(expect(200, g.sendJson("POST", g.admin("/script-plugins/test-run"), trial(STAMP).toString())).body());
            assertThat(r.at("/upstream_request/headers/x-team/0").asText()).isEqualTo("ml");
            assertThat(r.at("/upstream_request/body").asText()).contains("Hello!");
            assertThat(r.at("/response/status").asInt()).isEqualTo(200);
            assertThat(r.get("log").toString()).contains("stamped for ml");
            assertThat(r.at("/phases/0/phase").asText()).isEqualTo("access");
            assertThat(r.get("error").isNull()).isTrue();
            assertThat(json(g.get(g.admin("/script-plugins")).body()).get("data")).isEmpty();
            assertThat(json(g.get(g.admin("/plugins/enabled")).body()).get("enabled_plugins").toString()).doesNotContain("stamp");

            // the sample request is editable: a body the script reads, a status the upstream answers
            ObjectNode b = trial("export const name = \"echo\";\nexport function access(ctx) { ctx.response.exit(418, {path: ctx.request.path}); }");
            b.putObject("request").put("method", "GET").put("path", "/teapot");
            JsonNode exited = json(expect(200, g.sendJson("POST", g.admin("/script-plugins/test-run"), b.toString())).body());
            assertThat(exited.get("exited_in").asText()).isEqualTo("access");
            assertThat(exited.get("upstream_request").isNull()).isTrue();
            assertThat(exited.at("/response/status").asInt()).isEqualTo(418);
            assertThat(exited.at("/response/body").asText()).isEqualTo("{\"path\":\"/teapot\"}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void badScriptsAndBadSamplesAreNamed(String mode, @TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start(mode, dir)) {
            JsonNode syntax = json(expect(400, g.sendJson("POST", g.admin("/script-plugins/test-run"),
                    trial("export const name = \"x\";\nexport function access(ctx) {\n  ctx.log.info(\"a\" \"b\");\n}").toString())).body());
            assertThat(syntax.at("/fields/source").asText()).contains("x.js:3:");
            ObjectNode badRequest = trial(STAMP);
            badRequest.putObject("request").putObject("upstream").put("status", 99);
            assertThat(json(expect(400, g.sendJson("POST", g.admin("/script-plugins/test-run"), badRequest.toString())).body())
                    .at("/fields/request").asText()).contains("upstream.status");
            assertThat(json(expect(400, g.sendJson("POST", g.admin("/script-plugins/test-run"), "{}")).body())
                    .at("/fields/source").asText()).isEqualTo("required field missing");
            ObjectNode badConfig = TestGateway.JSON.createObjectNode().put("source", STAMP);
            badConfig.putObject("config").put("team", 5);
            JsonNode refused = json(expect(200, g.sendJson("POST", g.admin("/script-plugins/test-run"), badConfig.toString())).body());
            assertThat(refused.get("error").asText()).startsWith("config:").contains("team");

            // a script that logs without end gets its first lines back, and a count of the rest
            String chatty = "export const name = \"chatty\";\nexport function access(ctx) { for (let i = 0; i < 5000; i++) ctx.log.info(\"line \" + i); }";
            JsonNode logged = json(expect(200, g.sendJson("POST", g.admin("/script-plugins/test-run"), trial(chatty).toString())).body());
            assertThat(logged.get("log")).hasSize(1001);
            assertThat(logged.get("log").get(1000).asText()).isEqualTo("… 4000 more lines not shown");

            // a script that never returns is stopped, and the node goes on serving
            String loop = "export const name = \"spin\";\nexport function access(ctx) { while (true) {} }";
            JsonNode stopped = json(expect(200, g.sendJson("POST", g.admin("/script-plugins/test-run"), trial(loop).toString())).body());
            assertThat(stopped.get("error").asText()).contains("access failed");
            assertThat(stopped.at("/response/status").asInt()).isEqualTo(500);
            assertThat(g.get(g.admin("/status")).statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void everySaveKeepsAVersionToGoBackTo(String mode, @TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start(mode, dir)) {
            String v1 = STAMP;
            String v2 = STAMP.replace("config.team", "\"fixed\"");
            expect(201, g.sendJson("POST", g.admin("/script-plugins"), TestGateway.JSON.createObjectNode().put("source", v1).toString()));
            JsonNode enabled = json(g.get(g.admin("/plugins/enabled")).body()).get("plugins");
            for (JsonNode p : enabled) {
                if (p.get("name").asText().equals("stamp")) {
                    assertThat(p.get("source").asText()).isEqualTo("stored script");
                } else if (p.get("name").asText().equals("key-auth")) {
                    assertThat(p.get("source").asText()).isEqualTo("built-in");
                }
            }
            expect(200, g.sendJson("PATCH", g.admin("/script-plugins/stamp"), TestGateway.JSON.createObjectNode().put("source", v2).toString()));
            expect(200, g.sendJson("PATCH", g.admin("/script-plugins/stamp"), "{\"tags\":[\"only-tags\"]}")); // same source: no version
            JsonNode list = json(expect(200, g.get(g.admin("/script-plugins/stamp/versions"))).body());
            assertThat(list.get("data")).hasSize(2);
            assertThat(list.at("/data/0/version").asInt()).isEqualTo(2);
            assertThat(json(expect(200, g.get(g.admin("/script-plugins/stamp/versions/1"))).body()).get("source").asText()).isEqualTo(v1);
            assertThat(g.get(g.admin("/script-plugins/stamp/versions/9")).statusCode()).isEqualTo(404);
            assertThat(g.get(g.admin("/script-plugins/stamp/versions/x")).statusCode()).isEqualTo(404);
            assertThat(g.get(g.admin("/script-plugins/nope/versions")).statusCode()).isEqualTo(404);
            for (int i = 0; i < 25; i++) {
                expect(200, g.sendJson("PUT", g.admin("/script-plugins/stamp"),
                        TestGateway.JSON.createObjectNode().put("source", v2 + "// " + i + "\n").toString()));
            }
            JsonNode kept = json(g.get(g.admin("/script-plugins/stamp/versions")).body());
            assertThat(kept.get("data")).hasSize(20);
            assertThat(kept.at("/data/0/version").asInt()).isEqualTo(27);
            expect(204, g.sendJson("DELETE", g.admin("/script-plugins/stamp"), null));
            expect(201, g.sendJson("POST", g.admin("/script-plugins"), TestGateway.JSON.createObjectNode().put("source", v1).toString()));
            assertThat(json(g.get(g.admin("/script-plugins/stamp/versions")).body()).get("data")).hasSize(1);
        }
    }
}
