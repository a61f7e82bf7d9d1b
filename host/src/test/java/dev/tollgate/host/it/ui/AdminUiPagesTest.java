package dev.tollgate.host.it.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Overview, usage analytics, AI routes, playground and cluster pages in chromium, against
 * one gateway with real traffic through ai-proxy and the mock LLM; and how many Admin API calls
 * each page view makes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUiPagesTest {
    @TempDir
    static Path dir;
    private Browser browser;
    private TestGateway g;

    @BeforeAll
    void start() {
        browser = Browser.start("AdminUiPagesTest");
        g = TestGateway.start("h2", dir);
        AiTraffic.seed(g, 4);
    }

    @AfterAll
    void stop() {
        if (g != null) {
            g.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String ui(String hash) {
        return "http://127.0.0.1:" + g.gateway.uiPort() + "/" + hash;
    }

    @Test
    void theOverviewShowsTrafficErrorsAndTheTopRoutesModelsAndConsumers() {
        browser.open(ui("#/overview?range=1h"));
        WebElement rps = browser.find(By.id("kpi-rps"));
        assertThat(rps.getText()).contains("Requests per second");
        assertThat(browser.find(By.id("kpi-p50")).getText()).containsPattern("\\d+(\\.\\d+)? ms");
        String page = browser.find(By.id("page")).getText();
        assertThat(page).contains("Top routes").contains("llm").contains("(no route matched)");
        assertThat(page).contains("gpt-4o").contains("alice");
        assertThat(browser.driver.findElements(By.cssSelector("svg.chart rect.bar"))).isNotEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aUsageChartIsDrawnFromTheUsageRecords() throws Exception {
        long calls = TestGateway.JSON.readTree(g.get(g.admin("/usage?group_by=consumer")).body()).at("/data/0/requests").asLong();
        assertThat(calls).isGreaterThanOrEqualTo(4);
        browser.open(ui("#/usage?group_by=consumer"));
        WebElement bar = browser.present(By.cssSelector("svg.chart rect.bar title"));
        assertThat(bar.getAttribute("textContent")).startsWith("alice:");
        WebElement row = browser.present(By.xpath("//table[caption='Usage by consumer']/tbody/tr[1]"));
        assertThat(row.getText()).startsWith("alice " + calls + " "); // counted by the database
        HttpResponse<String> csv = g.get(g.admin("/usage?group_by=consumer&format=csv"));
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElse("")).startsWith("consumer,consumer_name,requests");
        assertThat(csv.body()).contains(",alice," + calls + ",");
        browser.click("Download CSV");
        browser.waitForText("CSV downloaded.");
    }

    @Test
    void thePlaygroundStreamsAnAnswerTokenByToken() {
        browser.open(ui("#/playground"));
        browser.type("Consumer key", "alice-key");
        browser.type("Path on the proxy", "/llm/v1/chat/completions");
        setStreaming(true); // the page remembers the last choice
        // every change of the answer while it streams, as the page saw it
        browser.js("const el = document.getElementById('pg-answer-0'); window.__updates = [];"
                + "window.__observer = new MutationObserver(() => window.__updates.push([performance.now(), el.textContent.length]));"
                + "window.__observer.observe(el, {childList: true, subtree: true, characterData: true});");
        browser.click("Send");
        browser.waitUntil(d -> !d.findElement(By.id("pg-stats-0")).getText().isEmpty());
        @SuppressWarnings("unchecked")
        List<List<Number>> updates = (List<List<Number>>) browser.js("window.__observer.disconnect(); return window.__updates");
        List<Number> lengths = updates.stream().map(u -> u.get(1)).distinct().toList();
        assertThat(lengths.size()).as("distinct lengths of the answer while it streamed: " + lengths).isGreaterThan(3);
        double spread = updates.getLast().get(0).doubleValue() - updates.getFirst().get(0).doubleValue();
        assertThat(spread).as("ms between the first and the last token shown").isGreaterThan(40);
        String stats = browser.find(By.id("pg-stats-0")).getText();
        assertThat(stats).contains("Status\n200").contains("Time to first token").containsPattern("Tokens \\(prompt / completion\\)\\n\\d+ / \\d+");
        assertThat(stats).contains("gpt-4o");
    }

    @Test
    void twoModelsSideBySideInThePlayground() {
        String url = g.mock.baseUrl() + "/v1/chat/completions";
        dev.tollgate.host.it.ai.AiRoutes.create(g, "mini", "/mini", "{\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o-mini\","
                + "\"options\":{\"upstream_url\":\"" + url + "\"}}}");
        browser.open(ui("#/playground"));
        browser.type("Consumer key", "alice-key");
        browser.click("Compare with another model");
        WebElement path = browser.find(By.id("pg-path-1"));
        path.clear();
        path.sendKeys("/mini/v1/chat/completions");
        setStreaming(false); // whole answers this time
        browser.click("Send");
        browser.waitUntil(d -> !d.findElement(By.id("pg-stats-0")).getText().isEmpty()
                && !d.findElement(By.id("pg-stats-1")).getText().isEmpty());
        assertThat(browser.find(By.id("pg-stats-0")).getText()).contains("Status\n200").contains("Model\ngpt-4o\n");
        assertThat(browser.find(By.id("pg-stats-1")).getText()).contains("Status\n200").contains("Model\ngpt-4o-mini");
        assertThat(browser.find(By.id("pg-answer-1")).getText()).isNotEmpty();
    }

    private void setStreaming(boolean on) {
        WebElement box = browser.find(By.id("pg-stream"));
        if (box.isSelected() != on) {
            box.click();
        }
    }

    @Test
    void liveRequestsFilterOnTheGatewayAndHoldRowsWhilePaused() {
        browser.open(ui("#/live?status=4xx"));
        browser.waitUntil(d -> d.findElement(By.id("live-connection")).getText().equals("Live"));
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#live-rows tr"));
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getAttribute("data-status")).startsWith("4"));
        int before = rows.size();
        browser.click("Pause");
        assertThat(g.get(g.proxy("/still-nowhere")).statusCode()).isEqualTo(404);
        assertThat(g.postJson(g.proxy("/llm/v1/chat/completions"), AiTraffic.CHAT, "apikey", "alice-key").statusCode()).isEqualTo(200);
        browser.waitForText("1 held while paused"); // the 200 is not a 4xx: the gateway did not send it
        assertThat(browser.driver.findElements(By.cssSelector("#live-rows tr"))).hasSize(before);
        browser.click("Resume");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#live-rows tr")).size() == before + 1);
        assertThat(browser.driver.findElement(By.cssSelector("#live-rows tr")).getText()).contains("/still-nowhere");
    }

    @Test
    void aPluginFormWithNestedRecordsKeepsItsSecretWhenSavedAgain() throws Exception {
        String id = TestGateway.JSON.readTree(g.get(g.admin("/plugins?name=ai-proxy")).body()).at("/data/0/id").asText();
        browser.open(ui("#/plugins/" + id));
        browser.find(By.cssSelector("[data-path='config.auth.header_name'] input")).sendKeys("x-key");
        browser.find(By.cssSelector("[data-path='config.auth.header_value'] input")).sendKeys("pw-1");
        browser.click("Save changes");
        browser.waitForText("Saved.");
        assertThat(keySeen()).isEqualTo("pw-1");
        browser.driver.navigate().refresh(); // the form again: the secret is not shown, and saving keeps it
        WebElement secret = browser.find(By.cssSelector("[data-path='config.auth.header_value'] input"));
        assertThat(secret.getAttribute("value")).isEmpty();
        assertThat(secret.getAttribute("placeholder")).contains("stored");
        browser.click("Save changes");
        browser.waitForText("Saved.");
        assertThat(keySeen()).isEqualTo("pw-1");
    }

    private String keySeen() {
        g.mock.clearRequests();
        assertThat(g.postJson(g.proxy("/llm/v1/chat/completions"), AiTraffic.CHAT, "apikey", "alice-key").statusCode()).isEqualTo(200);
        return g.mock.takeRequest(java.time.Duration.ofSeconds(5)).orElseThrow().headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("x-key")).map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }

    @Test
    void theClusterPageShowsThisNodeUpAndInSync() {
        browser.open(ui("#/cluster"));
        WebElement row = browser.find(By.xpath("//table[caption='Nodes']/tbody/tr[1]"));
        assertThat(row.getText()).contains("(this node)").contains("up").contains("in sync").contains("javascript");
    }

    @Test
    void theAiPageShowsTargetsAndTheirCircuits() {
        browser.open(ui("#/ai"));
        WebElement row = browser.find(By.xpath("//table/tbody/tr[1]"));
        assertThat(row.getText()).contains("openai").contains("gpt-4o").contains("closed");
    }

    @Test
    void eachPageViewCostsAtMostTwoAdminApiCalls() {
        browser.open(ui("#/overview"));
        browser.find(By.id("kpi-rps"));
        Map<String, Long> calls = new LinkedHashMap<>();
        Map<String, By> pages = new LinkedHashMap<>();
        pages.put("overview?range=24h", By.id("kpi-rps"));
        pages.put("services", By.xpath("//h1[.='Services']"));
        pages.put("routes", By.xpath("//h1[.='Routes']"));
        pages.put("consumers", By.xpath("//h1[.='Consumers']"));
        pages.put("plugins", By.xpath("//h1[.='Plugins']"));
        pages.put("usage", By.xpath("//caption[.='Usage by model']"));
        pages.put("ai", By.xpath("//h1[.='AI routes']"));
        pages.put("cluster", By.xpath("//caption[.='Nodes']"));
        pages.put("inventory", By.xpath("//h2[.='Plugins this node runs']"));
        pages.put("live", By.xpath("//*[@id='live-connection' and .='Live']"));
        for (var e : pages.entrySet()) {
            browser.js("performance.clearResourceTimings(); location.hash = arguments[0]", "#/" + e.getKey());
            browser.find(e.getValue());
            sleep(300); // anything late would be counted too
            // the browser's own record of what it fetched (a stream that is still open is not in it yet)
            Number n = (Number) browser.js("return performance.getEntriesByType('resource')"
                    + ".filter(r => new URL(r.name).pathname.startsWith('/api/')).length");
            calls.put(e.getKey(), n.longValue());
        }
        assertThat(calls).allSatisfy((page, n) -> assertThat(n).as(page).isBetween(1L, 2L));
    }
}
