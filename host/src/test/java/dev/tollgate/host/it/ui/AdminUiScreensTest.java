package dev.tollgate.host.it.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tollgate.host.it.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * Every page in both themes, at 1280×800 and in a narrow window: drawn without a script error or
 * a policy violation, nothing wider than the window, every control labelled. Each screen is
 * saved under target/ui-screenshots (and, with -Dtollgate.screenshots=DIR, there too: that is
 * how docs/images/admin-ui is made). Also the keyboard: the jump box and focus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUiScreensTest {
    @TempDir
    static Path dir;
    private Browser browser;
    private TestGateway g;

    /** Page address → what shows that it has loaded. */
    private static final Map<String, By> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("overview", By.id("kpi-rps"));
        PAGES.put("services", By.xpath("//h1[.='Services']"));
        PAGES.put("service", By.id("tab-routes"));
        PAGES.put("plugin", By.xpath("//legend[.='Configuration']"));
        PAGES.put("consumer", By.id("credential-kind"));
        PAGES.put("live", By.xpath("//*[@id='live-connection' and .='Live']"));
        PAGES.put("ai", By.xpath("//h1[.='AI routes']"));
        PAGES.put("usage", By.cssSelector("svg.chart"));
        PAGES.put("playground", By.id("pg-send"));
        PAGES.put("inventory", By.xpath("//h2[.='Plugins this node runs']"));
        PAGES.put("editor", By.cssSelector("[data-testid=editor]"));
        PAGES.put("cluster", By.xpath("//caption[.='Nodes']"));
    }

    private final Map<String, String> hashes = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start("AdminUiScreensTest");
        g = TestGateway.start("h2", dir);
        AiTraffic.seed(g, 6);
        String rl = TestGateway.JSON.readTree(TestGateway.expect(201, g.postForm(g.admin("/consumers/alice/plugins"),
                "name=rate-limiting", "config.minute=100", "config.policy=local")).body()).get("id").asText();
        TestGateway.expect(201, g.sendJson("POST", g.admin("/script-plugins"), TestGateway.JSON.createObjectNode()
                .put("source", Files.readString(Path.of("../script-plugins/examples/ai-logger.js"))).toString()));
        String service = TestGateway.JSON.readTree(g.get(g.admin("/services/llm")).body()).get("id").asText();
        String consumer = TestGateway.JSON.readTree(g.get(g.admin("/consumers/alice")).body()).get("id").asText();
        hashes.put("overview", "#/overview?range=1h");
        hashes.put("services", "#/services");
        hashes.put("service", "#/services/" + service);
        hashes.put("plugin", "#/plugins/" + rl);
        hashes.put("consumer", "#/consumers/" + consumer);
        hashes.put("live", "#/live");
        hashes.put("ai", "#/ai");
        hashes.put("usage", "#/usage?group_by=model");
        hashes.put("playground", "#/playground");
        hashes.put("inventory", "#/inventory");
        hashes.put("editor", "#/scripts/ai-logger");
        hashes.put("cluster", "#/cluster");
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

    private String ui(String hash) {
        return "http://127.0.0.1:" + g.gateway.uiPort() + "/" + hash;
    }

    @Test
    void everyPageDrawsInBothThemesWideAndNarrow() throws Exception {
        Path out = Files.createDirectories(Path.of("target/ui-screenshots"));
        String docs = System.getProperty("tollgate.screenshots");
        for (String theme : new String[] {"light", "dark"}) {
            for (int width : new int[] {1280, 420}) {
                browser.driver.manage().window().setSize(new Dimension(width, 800));
                for (var page : PAGES.entrySet()) {
                    browser.open(ui(hashes.get(page.getKey())));
                    browser.js("localStorage.setItem('tollgate.theme', arguments[0])", theme);
                    browser.driver.navigate().refresh();
                    browser.present(page.getValue());
                    Thread.sleep(150);
                    String where = page.getKey() + " (" + theme + ", " + width + " px)";
                    assertThat(browser.js("return document.documentElement.dataset.theme")).as(where).isEqualTo(theme);
                    Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
                    assertThat(overflow.intValue()).as(where + ": wider than the window by").isLessThanOrEqualTo(0);
                    Number unlabelled = (Number) browser.js(UNLABELLED);
                    assertThat(unlabelled.intValue()).as(where + ": controls without a label").isZero();
                    byte[] png = browser.driver.getScreenshotAs(OutputType.BYTES);
                    String name = page.getKey() + "-" + theme + (width < 1000 ? "-narrow" : "") + ".png";
                    Files.write(out.resolve(name), png);
                    if (docs != null && width == 1280) {
                        Files.write(Files.createDirectories(Path.of(docs)).resolve(name), png);
                    }
                }
            }
        }
        assertThat(browser.consoleErrors()).isEmpty();
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
    }

    /** Inputs, selects, textareas and buttons with no accessible name. */
    private static final String UNLABELLED = """
            return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
              .filter(e => e.offsetParent !== null)
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')
                 && !(e.tagName === 'BUTTON' && e.textContent.trim()) && !e.closest('.CodeMirror'))
              .length;
            """;

    @Test
    void theJumpBoxTakesYouToAnEntityByName() {
        browser.open(ui("#/overview"));
        browser.find(By.id("kpi-rps"));
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.chord(Keys.CONTROL, "k"));
        WebElement input = browser.find(By.id("jump-input"));
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(input);
        input.sendKeys("alic");
        browser.waitUntil(d -> d.findElement(By.id("jump-results")).getText().contains("alice"));
        input.sendKeys(Keys.ARROW_DOWN);
        browser.waitUntil(d -> d.findElement(By.cssSelector("#jump-results [aria-selected=true]")).getText().contains("alice"));
        input.sendKeys(Keys.ENTER);
        browser.waitForText("Consumer alice");
    }

    @Test
    void theKeyboardReachesTheMenuAndTheFocusIsVisible() {
        browser.open(ui("#/overview"));
        browser.find(By.id("kpi-rps"));
        WebElement body = browser.driver.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        WebElement first = browser.driver.switchTo().activeElement();
        assertThat(first.getText()).isEqualTo("Skip to content");
        boolean reachedServices = false;
        for (int i = 0; i < 20 && !reachedServices; i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement focused = browser.driver.switchTo().activeElement();
            String outline = (String) browser.js("return getComputedStyle(arguments[0]).outlineStyle", focused);
            assertThat(outline).as("focus ring on " + focused.getText()).isNotEqualTo("none");
            reachedServices = focused.getText().equals("Services");
        }
        assertThat(reachedServices).as("Services reached with Tab").isTrue();
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.find(By.xpath("//h1[.='Services']"));
    }
}
