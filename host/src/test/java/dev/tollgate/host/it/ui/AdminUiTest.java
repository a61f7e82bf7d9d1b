package dev.tollgate.host.it.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.config.GatewayConfig;
import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The admin UI in a real browser, against a real gateway: what an operator does with it. */
class AdminUiTest {
    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start("AdminUiTest");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String ui(TestGateway g, String hash) {
        return "http://127.0.0.1:" + g.gateway.uiPort() + "/" + hash;
    }

    private static JsonNode json(HttpResponse<String> res) throws Exception {
        return TestGateway.JSON.readTree(res.body());
    }

    private static final String STAMP = """
            export const name = "stamp";
            export function access(ctx) {
              ctx.upstream.setHeader("x-stamp", "v1");
            }
            export function headerFilter(ctx) {
              ctx.response.setHeader("x-stamped", "v1");
            }
            """;

    /** The route /chat to the mock with the stamp script enabled on its service; answers the script's source. */
    private static String stampedRoute(TestGateway g) {
        g.chatRoute("llm", "/chat");
        TestGateway.expect(201, g.sendJson("POST", g.admin("/script-plugins"),
                TestGateway.JSON.createObjectNode().put("source", STAMP).toString()));
        TestGateway.expect(201, g.postForm(g.admin("/services/llm/plugins"), "name=stamp"));
        return STAMP;
    }

    private static void selectPlugin(String name) {
        new Select(browser.field("Plugin")).selectByValue(name);
        browser.find(By.xpath("//button[normalize-space(.)='Add " + name + "']"));
    }

    @Test
    void theTutorialDoneThroughTheUiAlone(@TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start("h2", dir)) {
            browser.open(ui(g, "#/services/new"));
            browser.type("name", "mock-llm");
            browser.type("url", g.mock.baseUrl() + "/v1/chat/completions");
            browser.click("Create service");
            browser.waitForText("Service mock-llm");

            browser.click("Add route");
            browser.find(By.cssSelector("[data-path='paths'] input")).sendKeys("/ai/chat");
            browser.click("Create route");
            browser.waitForText("Route /ai/chat");

            browser.open(ui(g, "#/consumers/new"));
            browser.type("username", "my-ai-app");
            browser.click("Create consumer");
            browser.waitForText("Consumer my-ai-app");
            browser.click("Add key-auth credential");
            browser.type("key", "supersecret-apikey-123");
            browser.click("Create credential");
            browser.waitForText("supersecret-apikey-123");

            // rate-limiting on the consumer, from the consumer's plugins tab
            browser.find(By.id("tab-plugins")).click();
            browser.click("Add plugin");
            selectPlugin("rate-limiting");
            browser.type("minute", "5");
            new Select(browser.field("policy")).selectByValue("local");
            browser.click("Add rate-limiting");
            browser.waitForText("Plugin rate-limiting");

            // key-auth on the service
            browser.open(ui(g, "#/plugins/new?service=mock-llm&name=key-auth"));
            browser.click("Add key-auth");
            browser.waitForText("Plugin key-auth");

            // the ai-logger plugin, written in the editor and enabled on the service
            browser.open(ui(g, "#/scripts/new"));
            browser.find(By.cssSelector("[data-testid=editor]"));
            String source = Files.readString(Path.of("../script-plugins/examples/ai-logger.js"));
            browser.js("window.tollgateEditor.setValue(arguments[0])", source);
            browser.click("Create plugin");
            browser.waitForText("JavaScript plugin ai-logger");
            browser.click("Enable it on a service, route or consumer");
            browser.type("service", "mock-llm");
            browser.click("Add ai-logger");
            browser.waitForText("Plugin ai-logger");

            JsonNode plugins = json(g.get(g.admin("/consumers/my-ai-app/plugins")));
            assertThat(plugins.at("/data/0/name").asText()).isEqualTo("rate-limiting");
            assertThat(plugins.at("/data/0/config/minute").asDouble()).isEqualTo(5.0);
            assertThat(plugins.at("/data/0/config/policy").asText()).isEqualTo("local");

            // Live requests: a proxied request shows up within a second
            browser.open(ui(g, "#/live"));
            browser.waitUntil(d -> d.findElement(By.id("live-connection")).getText().equals("Live"));
            HttpResponse<String> denied = g.postJson(g.proxy("/ai/chat"), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(denied.statusCode()).isEqualTo(401);
            HttpResponse<String> ok = g.postJson(g.proxy("/ai/chat"), "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello LLM!\"}]}",
                    "apikey", "supersecret-apikey-123");
            long answered = System.nanoTime();
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit-Minute")).contains("5");
            browser.waitUntil(d -> d.findElements(By.cssSelector("#live-rows tr[data-status='200']")).size() == 1);
            long shownMs = (System.nanoTime() - answered) / 1_000_000;
            assertThat(shownMs).as("ms from the proxied answer to its row in Live requests").isLessThan(1000);
            WebElement row = browser.find(By.cssSelector("#live-rows tr[data-status='200']"));
            assertThat(row.getText()).contains("/ai/chat").contains("my-ai-app");
            row.click();
            assertThat(browser.find(By.id("live-detail")).getText()).contains("Consumer").contains("my-ai-app");
            assertThat(browser.consoleErrors()).as("script errors and CSP violations").isEmpty();
        }
    }

    @Test
    void aScriptWithASyntaxErrorIsMarkedAtItsLineAndTheOldVersionServes(@TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start("h2", dir)) {
            String good = stampedRoute(g);

            browser.open(ui(g, "#/scripts/stamp"));
            browser.find(By.cssSelector("[data-testid=editor]"));
            browser.js("window.tollgateEditor.setValue(arguments[0])", good.replace("ctx.upstream.setHeader(\"x-stamp\", \"v1\");",
                    "ctx.upstream.setHeader(\"x-stamp\" \"v2\");"));
            browser.click("Save and deploy");
            WebElement error = browser.find(By.cssSelector(".line-error"));
            assertThat(error.getAttribute("data-line")).isEqualTo("3");
            assertThat(error.getText()).startsWith("Line 3, column");
            assertThat(browser.find(By.id("editor-status")).getText()).contains("line 3").contains("keeps serving");
            assertThat(browser.driver.findElements(By.cssSelector(".cm-error-line"))).hasSize(1);

            HttpResponse<String> res = g.postJson(g.proxy("/chat"), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("x-stamped")).contains("v1");
            assertThat(json(g.get(g.admin("/script-plugins/stamp"))).get("source").asText()).isEqualTo(good);
        }
    }

    @Test
    void aTestRunShowsTheChangedUpstreamRequestAndAnOldVersionComesBack(@TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start("h2", dir)) {
            String v1 = stampedRoute(g);
            String v2 = v1.replace("\"v1\"", "\"v2\"");
            String chat = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

            browser.open(ui(g, "#/scripts/stamp"));
            browser.find(By.cssSelector("[data-testid=editor]"));
            browser.js("window.tollgateEditor.setValue(arguments[0])", v2);
            browser.click("Run test");
            WebElement upstream = browser.find(By.id("trial-upstream"));
            assertThat(upstream.getText()).startsWith("POST /v1/chat/completions").contains("x-stamp: v2");
            assertThat(browser.find(By.id("trial-response")).getText()).startsWith("200").contains("x-stamped: v2");
            assertThat(g.postJson(g.proxy("/chat"), chat).headers().firstValue("x-stamped")).contains("v1"); // not deployed

            browser.click("Save and deploy");
            browser.waitForText("is deployed to every node");
            assertThat(g.postJson(g.proxy("/chat"), chat).headers().firstValue("x-stamped")).contains("v2");

            browser.find(By.cssSelector("details.versions summary")).click();
            browser.click("Roll back to version 1");
            browser.waitForText("Rolled back: version 1 is deployed again");
            assertThat(g.postJson(g.proxy("/chat"), chat).headers().firstValue("x-stamped")).contains("v1");
            assertThat(browser.js("return window.tollgateEditor.getValue()")).isEqualTo(v1);
        }
    }

    @Test
    void aFailedSaveKeepsWhatWasTyped(@TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start("h2", dir)) {
            browser.open(ui(g, "#/services/new"));
            browser.type("name", "bad name");
            browser.type("host", "example.com");
            browser.type("port", "99999");
            browser.click("Create service");
            WebElement nameError = browser.find(By.cssSelector("[data-path='name'] > .field-error"));
            assertThat(nameError.getText()).contains("invalid value 'bad name'");
            assertThat(browser.find(By.cssSelector("[data-path='port'] > .field-error")).getText()).contains("99999");
            assertThat(browser.field("name").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.field("name").getAttribute("value")).isEqualTo("bad name");
            assertThat(browser.field("host").getAttribute("value")).isEqualTo("example.com");
            assertThat(browser.field("port").getAttribute("value")).isEqualTo("99999");

            // the gateway goes away: a banner says so, and the form still holds everything
            browser.type("name", "good-name");
            g.gateway.close();
            browser.click("Create service");
            assertThat(browser.find(By.cssSelector("#banner .banner")).getText()).contains("did not answer");
            assertThat(browser.field("name").getAttribute("value")).isEqualTo("good-name");
            assertThat(browser.field("host").getAttribute("value")).isEqualTo("example.com");
        }
    }

    @Test
    void aTokenThatNoLongerWorksSendsYouBackToSignIn(@TempDir Path dir) throws Exception {
        int uiPort;
        try (ServerSocket s = new ServerSocket(0)) {
            uiPort = s.getLocalPort();
        }
        GatewayConfig first = withUiPort(TestGateway.config("h2", dir, "--admin.token=first-token"), uiPort);
        try (TestGateway g = TestGateway.start(first)) {
            browser.open("http://127.0.0.1:" + uiPort + "/#/consumers");
            browser.type("Admin token", "wrong");
            browser.click("Sign in");
            browser.waitForText("That token was refused.");
            browser.type("Admin token", "first-token");
            browser.click("Sign in");
            browser.find(By.xpath("//h1[normalize-space(.)='Consumers']"));
            assertThat(browser.js("return document.cookie")).isEqualTo("");
        }
        // the node comes back with another token: the tab's token is refused
        GatewayConfig second = withUiPort(TestGateway.config("h2", dir, "--admin.token=second-token"), uiPort);
        try (TestGateway g = TestGateway.start(second)) {
            browser.click("Services");
            browser.waitForText("it has expired or changed. Sign in again.");
            assertThat(browser.field("Admin token").isDisplayed()).isTrue();
            assertThat(browser.js("return sessionStorage.getItem('tollgate.admin-token')")).isNull();
            browser.type("Admin token", "second-token");
            browser.click("Sign in");
            browser.find(By.xpath("//h1[normalize-space(.)='Services']"));
        }
    }

    @Test
    void anEmptyGatewayOpensOnTheQuickstartWithItsOwnAddresses(@TempDir Path dir) {
        try (TestGateway g = TestGateway.start("h2", dir)) {
            browser.open(ui(g, ""));
            browser.waitForText("Get started");
            String steps = browser.find(By.cssSelector(".quickstart")).getText();
            assertThat(steps).contains("curl -X POST http://localhost:" + g.gateway.adminPort() + "/services")
                    .contains("http://localhost:" + g.gateway.proxyPort() + "/llm/v1/chat/completions");
        }
    }

    @Test
    void theUiListenerAnswersWithAStrictContentSecurityPolicy(@TempDir Path dir) throws Exception {
        try (TestGateway g = TestGateway.start("h2", dir)) {
            HttpResponse<String> page = g.send(HttpRequest.newBuilder(URI.create(ui(g, ""))).GET().build());
            assertThat(page.statusCode()).isEqualTo(200);
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
            assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
            for (String path : List.of("ui/.hidden.js", "ui/%2e%2e%2fx.js", "webjars/codemirror/5.65.19/%2e%2e/x.js", "ui/js/nope.js", "ui/app.class")) {
                assertThat(g.get(ui(g, path)).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(g.get(ui(g, "api/services")).statusCode()).isEqualTo(200);
            HttpResponse<String> crossSite = g.send(HttpRequest.newBuilder(URI.create(ui(g, "api/services")))
                    .header("Origin", "http://evil.example").GET().build());
            assertThat(crossSite.statusCode()).isEqualTo(403);
        }
    }

    private static GatewayConfig withUiPort(GatewayConfig c, int port) {
        return c.withUi(new GatewayConfig.UiListener("127.0.0.1", port, java.util.Optional.empty(), java.util.Optional.empty()));
    }
}
