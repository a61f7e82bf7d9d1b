package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import dev.tollgate.db.DatabaseSettings;
import dev.tollgate.db.TestDatabases;
import dev.tollgate.host.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL goes away under a running node: traffic keeps flowing, the node says it is out of sync, and recovers. */
class DatabaseOutageTest {
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"still up?\"}]}";

    @TempDir
    Path dir;

    @Test
    void keepsServingTheLastConfigurationWhileTheDatabaseIsDown() throws Exception {
        DatabaseSettings pg = TestDatabases.postgres().settings();
        URI direct = URI.create(pg.url().substring("jdbc:".length()));
        try (TcpRelay relay = new TcpRelay(direct.getPort())) {
            String viaRelay = pg.url().replace(":" + direct.getPort() + "/", ":" + relay.port() + "/");
            var config = TestGateway.config("h2", dir, "--cluster.poll-interval=100ms")
                    .withDatabase(DatabaseSettings.postgres(viaRelay, pg.user(), pg.password()));
            try (TestGateway t = TestGateway.start(config)) {
                t.chatRoute("outage", "/outage");

                relay.cut();
                waitFor(() -> !json(t.get(t.admin("/status"))).get("configuration").get("in_sync").asBoolean());
                expect(200, t.sendJson("POST", t.proxy("/outage"), CHAT)); // served from the snapshot
                var status = json(expect(200, t.get(t.admin("/status"))));
                assertThat(status.get("database").get("reachable").asBoolean()).isFalse();
                var refused = expect(503, t.postForm(t.admin("/services"), "name=later", "url=http://127.0.0.1:1/"));
                assertThat(json(refused).get("message").asText()).startsWith("database unavailable");
                expect(503, t.get(t.admin("/services")));

                relay.restore();
                waitFor(() -> json(t.get(t.admin("/status"))).get("configuration").get("in_sync").asBoolean());
                expect(201, t.postForm(t.admin("/services"), "name=later", "url=http://127.0.0.1:1/"));
                expect(200, t.sendJson("POST", t.proxy("/outage"), CHAT));
            }
        }
    }

    @Test
    void aNodeRestartedWhileTheDatabaseIsDownServesItsSavedConfiguration() throws Exception {
        DatabaseSettings pg = TestDatabases.postgres().settings();
        URI direct = URI.create(pg.url().substring("jdbc:".length()));
        try (TcpRelay relay = new TcpRelay(direct.getPort())) {
            String viaRelay = pg.url().replace(":" + direct.getPort() + "/", ":" + relay.port() + "/");
            var config = TestGateway.config("h2", dir, "--cluster.poll-interval=100ms")
                    .withDatabase(DatabaseSettings.postgres(viaRelay, pg.user(), pg.password()));
            TestGateway first = TestGateway.start(config);
            try {
                first.chatRoute("saved", "/saved");
                first.gateway.close();
                relay.cut();

                try (var second = Gateway.start(config)) {
                    var http = first.http;
                    var res = http.send(java.net.http.HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + second.proxyPort() + "/saved"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CHAT)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(res.statusCode()).isEqualTo(200);
                    assertThat(second.snapshots().storeReachable()).isFalse();

                    relay.restore();
                    waitFor(() -> second.snapshots().storeReachable());
                }
            } finally {
                first.mock.stop();
            }
        }
    }

    @Test
    void withoutASavedConfigurationADatabaseThatIsDownFailsTheStart() throws Exception {
        DatabaseSettings pg = TestDatabases.postgres().settings();
        URI direct = URI.create(pg.url().substring("jdbc:".length()));
        try (TcpRelay relay = new TcpRelay(direct.getPort())) {
            relay.cut();
            String viaRelay = pg.url().replace(":" + direct.getPort() + "/", ":" + relay.port() + "/");
            var config = TestGateway.config("h2", dir).withDatabase(DatabaseSettings.postgres(viaRelay, pg.user(), pg.password()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gateway.start(config).close())
                    .hasMessageContaining("database postgres");
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(50);
        }
    }
}
