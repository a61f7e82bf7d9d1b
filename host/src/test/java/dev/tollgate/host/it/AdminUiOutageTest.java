package dev.tollgate.host.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;

import dev.tollgate.db.DatabaseSettings;
import dev.tollgate.db.TestDatabases;
import dev.tollgate.host.it.ui.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin UI while PostgreSQL is away: a banner naming the 503, the form kept, the save done once it is back. */
class AdminUiOutageTest {

    @Test
    void aStoreOutageShowsABannerAndTheFormSurvivesIt(@TempDir Path dir) throws Exception {
        DatabaseSettings pg = TestDatabases.postgres().settings();
        URI direct = URI.create(pg.url().substring("jdbc:".length()));
        try (Browser browser = Browser.start("AdminUiOutageTest"); TcpRelay relay = new TcpRelay(direct.getPort())) {
            String viaRelay = pg.url().replace(":" + direct.getPort() + "/", ":" + relay.port() + "/");
            var config = TestGateway.config("h2", dir, "--cluster.poll-interval=100ms")
                    .withDatabase(DatabaseSettings.postgres(viaRelay, pg.user(), pg.password()));
            try (TestGateway g = TestGateway.start(config)) {
                String ui = "http://127.0.0.1:" + g.gateway.uiPort() + "/";
                browser.open(ui + "#/services/new");
                browser.type("name", "during-outage");
                browser.type("url", "http://127.0.0.1:9/v1");

                relay.cut();
                browser.click("Create service");
                WebElement banner = browser.find(By.cssSelector("#banner .banner"));
                assertThat(banner.getText()).contains("503").contains("database unavailable");
                assertThat(browser.field("name").getAttribute("value")).isEqualTo("during-outage");
                assertThat(browser.find(By.cssSelector(".form-status")).getText()).startsWith("Not saved");

                relay.restore();
                long deadline = System.currentTimeMillis() + 20_000;
                while (!TestGateway.JSON.readTree(g.get(g.admin("/status")).body()).at("/database/reachable").asBoolean()
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                browser.click("Create service"); // what was typed is still there: try again
                browser.waitForText("Service during-outage");
                assertThat(g.get(g.admin("/services/during-outage")).statusCode()).isEqualTo(200);
            }
        }
    }
}
