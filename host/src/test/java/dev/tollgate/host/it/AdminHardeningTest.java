package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an adversarial review of the admin UI's endpoints found, kept fixed. */
class AdminHardeningTest {

    private static HttpResponse<String> playground(TestGateway g, String json) {
        return g.sendJson("POST", g.admin("/playground"), json);
    }

    @Test
    void thePlaygroundRefusesPathsAndHeadersItCannotSendAndRelaysBytesThatAreNotUtf8(@TempDir Path dir) throws Exception {
        HttpServer latin1 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        latin1.createContext("/", ex -> {
            byte[] body = {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xFF, (byte) 0xFE, '!'};
            ex.getResponseHeaders().add("Content-Type", "text/plain; charset=ISO-8859-1");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        latin1.start();
        try (TestGateway g = TestGateway.start("h2", dir)) {
            expect(201, g.postForm(g.admin("/services"), "name=latin", "url=http://127.0.0.1:" + latin1.getAddress().getPort()));
            expect(201, g.postForm(g.admin("/services/latin/routes"), "paths[]=/latin"));
            for (String path : new String[] {"/a|b", "/a{b}", "/%zz", "/a\\\\b", "/a\\u0001b"}) {
                JsonNode refused = TestGateway.JSON.readTree(expect(400, playground(g, "{\"path\":\"" + path + "\"}")).body());
                assertThat(refused.at("/fields/path").asText()).as(path).isNotEmpty();
            }
            JsonNode header = TestGateway.JSON.readTree(expect(400, playground(g,
                    "{\"path\":\"/latin\",\"headers\":{\"x-a\":\"a\\u0100b\"}}")).body());
            assertThat(header.at("/fields/headers.x-a").asText()).contains("printable ASCII");

            HttpResponse<String> relayed = expect(200, playground(g, "{\"path\":\"/latin\",\"method\":\"GET\"}"));
            assertThat(relayed.body()).contains("event: done").contains("caf\ufffd \ufffd\ufffd!");
        } finally {
            latin1.stop(0);
        }
    }

    @Test
    void versionNumbersAreAsciiDigitsAndCsvPagesLinkOnTheListenerTheyCameFrom(@TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start("h2", dir)) {
            expect(201, g.sendJson("POST", g.admin("/script-plugins"),
                    "{\"source\":\"export const name = \\\"vv\\\";\\nexport function access(ctx) {}\"}"));
            expect(200, g.get(g.admin("/script-plugins/vv/versions/1")));
            for (String odd : new String[] {"+1", "%EF%BC%91", "%D9%A3", "01x"}) {
                assertThat(g.get(g.admin("/script-plugins/vv/versions/" + odd)).statusCode()).as(odd).isEqualTo(404);
            }
            // the report endpoints name what is wrong
            for (String bad : new String[] {"/overview?range=2d", "/overview?range=1h&x=1", "/usage?format=xml",
                    "/usage?group_by=week", "/services?search=" + "s".repeat(257)}) {
                HttpResponse<String> r = g.get(g.admin(bad));
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(TestGateway.JSON.readTree(r.body()).get("fields")).as(bad).isNotEmpty();
            }
            assertThat(g.sendJson("DELETE", g.admin("/overview"), null).statusCode()).isEqualTo(405);
            assertThat(g.get(g.admin("/playground")).statusCode()).isEqualTo(405);
            assertThat(playground(g, "[1,2]").statusCode()).isEqualTo(400);
            String ui = "http://127.0.0.1:" + g.gateway.uiPort();
            assertThat(g.send(HttpRequest.newBuilder(URI.create(ui + "/")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build())
                    .statusCode()).isEqualTo(200);
            assertThat(g.send(HttpRequest.newBuilder(URI.create(ui + "/ui/js/main.js")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aConsumerWhoseUsernameStartsWithASpaceIsServed(@TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start("h2", dir)) {
            g.chatRoute("llm", "/chat");
            expect(201, g.sendJson("POST", g.admin("/consumers"), "{\"username\":\" =1+1\"}"));
            String id = TestGateway.JSON.readTree(g.get(g.admin("/consumers?search=%3D1%2B1")).body()).at("/data/0/id").asText();
            expect(201, g.postForm(g.admin("/consumers/" + id + "/key-auth"), "key=space-key"));
            expect(201, g.postForm(g.admin("/services/llm/plugins"), "name=key-auth"));
            g.mock.clearRequests();
            expect(200, g.postJson(g.proxy("/chat"), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "apikey", "space-key"));
            var seen = g.mock.takeRequest(java.time.Duration.ofSeconds(5)).orElseThrow().headers();
            assertThat(seen.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("x-consumer-username"))
                    .map(e -> e.getValue().getFirst()).findFirst()).contains("=1+1");
        }
    }
}
