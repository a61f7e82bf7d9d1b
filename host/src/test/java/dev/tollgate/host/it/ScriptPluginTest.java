package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step 9 of the Kong tutorial: the ai-logger JavaScript plugin dropped into plugins/ of a
 * running gateway, enabled, logging one JSON line per request; edited without a restart.
 */
class ScriptPluginTest {
    private static final Path EXAMPLE = locate("script-plugins/examples/ai-logger.js");

    @TempDir
    Path dir;

    @Test
    void aiLoggerFromTheTutorial() throws Exception {
        LogCapture lines = LogCapture.of("tollgate.plugin.ai-logger");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (lines; TestGateway t = TestGateway.start("h2", dir, "--plugins-dir=" + plugins, "--plugins-warm-up=true")) {
            t.chatRoute("mock-llm", "/ai/chat");
            expect(201, t.postForm(t.admin("/consumers"), "username=my-ai-app"));
            expect(201, t.postForm(t.admin("/consumers/my-ai-app/key-auth"), "key=supersecret-apikey-123"));
            expect(201, t.postForm(t.admin("/services/mock-llm/plugins"), "name=key-auth"));

            // As the README has it: copy, then configure straight away (the gateway looks at plugins/ again).
            Files.copy(EXAMPLE, plugins.resolve("ai-logger.js"));
            expect(201, t.postForm(t.admin("/services/mock-llm/plugins"), "name=ai-logger"));

            var res = expect(200, chat(t));
            int totalTokens = json(res).get("usage").get("total_tokens").asInt();
            waitFor(() -> !lines.isEmpty());
            JsonNode line = TestGateway.JSON.readTree(lines.getFirst());
            assertThat(line.get("consumer").asText()).isEqualTo("my-ai-app");
            assertThat(line.get("response").get("llm_total_tokens").asInt()).isEqualTo(totalTokens);
            assertThat(line.get("response").get("status").asInt()).isEqualTo(200);
            assertThat(line.get("request").get("method").asText()).isEqualTo("POST");
            assertThat(line.get("request").get("prompt_length_bytes").asInt()).isPositive();
            assertThat(line.get("client_ip").asText()).isEqualTo("127.0.0.1");

            // Edited in place: the next request runs the new version, no restart.
            String edited = Files.readString(EXAMPLE).replace("model: usage ? usage.model : ctx.shared.get(MODEL),",
                    "model: usage ? usage.model : ctx.shared.get(MODEL),\n    edited: true,");
            Files.writeString(plugins.resolve("ai-logger.js"), edited);
            waitFor(() -> {
                lines.all().clear();
                expect(200, chat(t));
                sleep(200);
                return lines.all().stream().anyMatch(l -> l.contains("\"edited\":true"));
            });

            // A broken edit is refused and the last good version keeps running.
            Files.writeString(plugins.resolve("ai-logger.js"), "export const name = ;");
            waitFor(() -> json(t.get(t.admin("/plugins/enabled"))).get("load_errors").size() == 1);
            JsonNode error = json(t.get(t.admin("/plugins/enabled"))).get("load_errors").get(0);
            assertThat(error.get("file").asText()).isEqualTo("ai-logger.js");
            assertThat(error.get("message").asText()).startsWith("ai-logger.js:1:").contains("SyntaxError");
            assertThat(error.get("previous_version_active").asBoolean()).isTrue();
            lines.all().clear();
            expect(200, chat(t));
            waitFor(() -> lines.all().stream().anyMatch(l -> l.contains("\"edited\":true")));

            JsonNode status = json(expect(200, t.get(t.admin("/status"))));
            assertThat(status.get("plugin_runtimes").get(0).asText()).startsWith("javascript:");
        }
    }

    private static String script(String header) {
        return "export const name = 'stamp';\n"
                + "export const schema = {};\n"
                + "export function access(ctx, config) { ctx.upstream.setHeader('X-Stamp', '" + header + "'); }\n";
    }

    static String body(String source) {
        try {
            return TestGateway.JSON.writeValueAsString(java.util.Map.of("source", source));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void scriptsUploadedThroughTheAdminApi() throws Exception {
        try (TestGateway t = TestGateway.start("h2", dir)) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/stamped"));

            JsonNode created = json(expect(201, t.sendJson("POST", t.admin("/script-plugins"), body(script("one")))));
            assertThat(created.get("name").asText()).isEqualTo("stamp");
            expect(201, t.postForm(t.admin("/services/echo/plugins"), "name=stamp"));
            assertThat(json(expect(200, t.get(t.proxy("/stamped")))).get("headers").get("x-stamp").asText()).isEqualTo("one");

            expect(200, t.sendJson("PATCH", t.admin("/script-plugins/stamp"), body(script("two"))));
            assertThat(json(expect(200, t.get(t.proxy("/stamped")))).get("headers").get("x-stamp").asText()).isEqualTo("two");

            JsonNode broken = json(expect(400, t.sendJson("PATCH", t.admin("/script-plugins/stamp"),
                    body("export const name = 'stamp';\nexport function access(ctx) { ctx.upstream.setHeader( }\n"))));
            assertThat(broken.get("fields").get("source").asText()).containsPattern("^stamp.js:2:\\d+: SyntaxError: ");
            assertThat(json(expect(200, t.get(t.proxy("/stamped")))).get("headers").get("x-stamp").asText()).isEqualTo("two");

            JsonNode taken = json(expect(400, t.sendJson("POST", t.admin("/script-plugins"),
                    body("export const name = 'key-auth';\nexport function access(ctx) {}\n"))));
            assertThat(taken.get("fields").get("name").asText()).contains("already has");
            expect(400, t.sendJson("POST", t.admin("/script-plugins"), "{\"source\": 42}"));
            assertThat(json(expect(200, t.get(t.admin("/script-plugins")))).get("data")).hasSize(1);
        }
    }

    @Test
    void aScriptThatLoopsCostsItsRequestA500AndNothingElse() throws Exception {
        try (LogCapture errors = LogCapture.of("dev.tollgate.host.plugins.PluginRun");
             TestGateway t = TestGateway.start("h2", dir)) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "name=spun", "paths[]=/spun"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "name=plain", "paths[]=/plain"));
            expect(201, t.sendJson("POST", t.admin("/script-plugins"), body("""
                    export const name = "spinner";
                    export function access(ctx) {
                      if (ctx.request.header("x-spin")) { while (true) {} }
                      ctx.upstream.setHeader("x-spinner", "passed");
                    }
                    """)));
            expect(201, t.postForm(t.admin("/routes/spun/plugins"), "name=spinner"));
            assertThat(json(expect(200, t.get(t.proxy("/spun")))).get("headers").get("x-spinner").asText()).isEqualTo("passed");

            long start = System.nanoTime();
            var spun = t.send(HttpRequest.newBuilder(URI.create(t.proxy("/spun"))).header("x-spin", "1").GET().build());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(spun.statusCode()).isEqualTo(500);
            assertThat(spun.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
            assertThat(json(spun).get("message").asText()).isEqualTo("An unexpected error occurred"); // as Kong: no internals
            assertThat(tookMs).isLessThan(3_000L); // the 500 ms limit, not the 5 s one of a cold context
            // Whichever limit comes first: a fast machine runs the default 50M statements of a bare loop in ~250 ms.
            assertThat(errors.all()).anySatisfy(e -> assertThat(e).contains("spinner")
                    .containsPattern("stopped after (500 ms \\(time limit\\)|50000000 statements \\(statement limit\\))"));

            expect(200, t.get(t.proxy("/plain")));
            assertThat(json(expect(200, t.get(t.proxy("/spun")))).get("headers").get("x-spinner").asText()).isEqualTo("passed");
        }
    }

    @Test
    void aScriptThatSetsTenThousandResponseHeadersCostsItsRequestA500() throws Exception {
        try (LogCapture errors = LogCapture.of("dev.tollgate.host.plugins.PluginRun");
             TestGateway t = TestGateway.start("h2", dir)) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/many"));
            expect(201, t.sendJson("POST", t.admin("/script-plugins"), body("""
                    export const name = "many-headers";
                    export function headerFilter(ctx) {
                      if (ctx.request.header("x-many")) { for (let i = 0; i < 10000; i++) { ctx.response.addHeader("x-h" + i, "v" + i); } }
                      ctx.response.setHeader("x-few", "1");
                    }
                    """)));
            expect(201, t.postForm(t.admin("/services/echo/plugins"), "name=many-headers"));
            assertThat(expect(200, t.get(t.proxy("/many"))).headers().firstValue("x-few")).contains("1");
            var many = t.send(HttpRequest.newBuilder(URI.create(t.proxy("/many"))).header("x-many", "1").GET().build());
            assertThat(many.statusCode()).isEqualTo(500);
            assertThat(many.headers().map().keySet()).noneMatch(h -> h.startsWith("x-h"));
            assertThat(errors.all()).anySatisfy(e -> assertThat(e).contains("many-headers").contains("over 16384 bytes of headers"));
        }
    }

    @Test
    void waitingForASlowClientsBodyIsNotTheScriptsTime() throws Exception {
        try (TestGateway t = TestGateway.start("h2", dir)) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/slow-client"));
            expect(201, t.sendJson("POST", t.admin("/script-plugins"), body("""
                    export const name = "body-reader";
                    export function access(ctx) { ctx.upstream.setHeader("x-body-length", String(ctx.request.body().length)); }
                    """)));
            expect(201, t.postForm(t.admin("/services/echo/plugins"), "name=body-reader"));
            for (int i = 0; i < 3; i++) { // past the contexts' first calls, which have a longer allowance
                expect(200, t.sendJson("POST", t.proxy("/slow-client"), "{}"));
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", t.gateway.proxyPort())) {
                s.setSoTimeout(10_000);
                var out = s.getOutputStream();
                out.write("POST /slow-client HTTP/1.1\r\nHost: x\r\nContent-Length: 600\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 3; i++) { // 1.2 s in all, against the script's 500 ms
                    out.write("x".repeat(200).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(400);
                }
                String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(answer).isEqualTo("HTTP/1.1 200");
            }
        }
    }

    @Test
    void aHeaderWithCrLfFromAPluginIsRefusedNotSentUpstream() throws Exception {
        try (LogCapture errors = LogCapture.of("dev.tollgate.host.plugins.PluginRun");
             TestGateway t = TestGateway.start("h2", dir)) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/smuggle"));
            expect(201, t.sendJson("POST", t.admin("/script-plugins"), body("""
                    export const name = "smuggler";
                    export function access(ctx) {
                      if (ctx.request.header("x-smuggle")) { ctx.upstream.addHeader("x-note", "a\\r\\nx-injected: 1"); }
                      ctx.upstream.setHeader("x-note", "plain");
                    }
                    """)));
            expect(201, t.postForm(t.admin("/services/echo/plugins"), "name=smuggler"));
            assertThat(json(expect(200, t.get(t.proxy("/smuggle")))).get("headers").get("x-note").asText()).isEqualTo("plain");

            // The upstream client no longer re-checks headers (UpstreamClients): the plugin's change is refused where it is made.
            var refused = t.send(HttpRequest.newBuilder(URI.create(t.proxy("/smuggle"))).header("x-smuggle", "1").GET().build());
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(errors.all()).anySatisfy(e -> assertThat(e).contains("smuggler").contains("header: 'x-note'"));
        }
    }

    private static java.net.http.HttpResponse<String> chat(TestGateway t) {
        return t.send(HttpRequest.newBuilder(URI.create(t.proxy("/ai/chat")))
                .header("Content-Type", "application/json").header("apikey", "supersecret-apikey-123")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [{\"role\": \"user\", \"content\": \"Hello LLM!\"}]}"))
                .build());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path locate(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found");
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
