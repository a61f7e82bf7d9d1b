package dev.tollgate.host.it.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through its chromedriver. Without them the test is
 * skipped, naming itself; under {@code CI=true} it fails ({@code .ci/run} installs both).
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    public final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser start(String test) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String message = test + " skipped: " + CHROMIUM + " or " + DRIVER
                    + " is not installed (apt-get install chromium chromium-driver; .ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: the browser tests must run)");
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--no-first-run", "--disable-extensions");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    /** Loads {@code url} afresh, even when only its hash differs from the page shown (which would not reload it). */
    public void open(String url) {
        driver.get("about:blank");
        driver.get(url);
    }

    /** Waits up to 10 s; on a timeout the failure shows the page's text and its console errors. */
    public <T> T waitUntil(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            String text;
            try {
                text = driver.findElement(By.tagName("body")).getText();
            } catch (RuntimeException unreadable) {
                text = "(unreadable: " + unreadable.getMessage() + ")";
            }
            throw new AssertionError("timed out at " + driver.getCurrentUrl() + "\n--- page text ---\n" + text
                    + "\n--- console ---\n" + String.join("\n", consoleErrors()), e);
        }
    }

    public WebElement find(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** An element in the page, shown or not (an SVG title, a caption for screen readers). */
    public WebElement present(By by) {
        return waitUntil(ExpectedConditions.presenceOfElementLocated(by));
    }

    public WebElement field(String labelText) {
        return find(By.xpath("//label[normalize-space(.)='" + labelText + "' or normalize-space(.)='" + labelText + " *']"
                + "/following-sibling::*[self::input or self::select or self::textarea][1]"));
    }

    public void type(String labelText, String value) {
        WebElement input = field(labelText);
        input.clear();
        input.sendKeys(value);
    }

    public void click(String buttonOrLinkText) {
        find(By.xpath("//*[(self::button or self::a) and normalize-space(.)='" + buttonOrLinkText + "']")).click();
    }

    public void waitForText(String text) {
        waitUntil(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Console messages at SEVERE level: script errors and Content-Security-Policy violations
     * (not the "Failed to load resource" lines Chrome writes for every 4xx the UI expects).
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("Failed to load resource"))
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
