package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import dev.tollgate.db.DatabaseSettings;
import dev.tollgate.db.TestDatabases;
import dev.tollgate.host.config.GatewayConfig;
import dev.tollgate.host.usage.UsageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away while usage is recorded: records go to the spill file, and into the
 * database once it is back, also when the node was restarted in between. None is lost or doubled.
 */
class UsageOutageTest {
    @TempDir
    Path dir;

    private static UsageRecord usage(String requestId) {
        return new UsageRecord(Instant.now(), requestId, null, null, null, null, "openai", "gpt-4o", "gpt-4o",
                "llm/v1/chat", 10, 5, 15, 0, 0, false, 0.000075, "USD", 120, -1, -1, 200, null, null);
    }

    @Test
    void recordsMadeDuringAnOutageAreStoredWhenTheDatabaseIsBack() throws Exception {
        DatabaseSettings pg = TestDatabases.postgres().settings();
        URI direct = URI.create(pg.url().substring("jdbc:".length()));
        try (TcpRelay relay = new TcpRelay(direct.getPort())) {
            String viaRelay = pg.url().replace(":" + direct.getPort() + "/", ":" + relay.port() + "/");
            GatewayConfig config = TestGateway.config("h2", dir, "--cluster.poll-interval=100ms")
                    .withDatabase(DatabaseSettings.postgres(viaRelay, pg.user(), pg.password()));
            TestGateway t = TestGateway.start(config);
            try {
                var recorder = t.gateway.usageRecorder();
                Path spill = recorder.spillFile();
                recorder.record(usage("before-1"));
                recorder.record(usage("before-2"));
                assertThat(records(t)).isEqualTo(2);

                relay.cut();
                for (int i = 0; i < 5; i++) {
                    recorder.record(usage("during-" + i));
                }
                waitFor(() -> lines(spill) == 5);
                expect(503, t.get(t.admin("/usage")));

                relay.restore();
                waitFor(() -> !Files.exists(spill) && records(t) == 7);

                // Down again, and the node stops before it is back: the next start replays the spill.
                relay.cut();
                recorder.record(usage("at-stop-1"));
                recorder.record(usage("at-stop-2"));
                t.gateway.close();
                assertThat(lines(spill)).isEqualTo(2);
                relay.restore();
            } finally {
                t.mock.stop();
            }
            try (TestGateway again = TestGateway.start(config)) {
                waitFor(() -> records(again) == 9);
                assertThat(Files.exists(again.gateway.usageRecorder().spillFile())).isFalse();
                var requestIds = json(expect(200, again.get(again.admin("/usage")))).get("data").findValuesAsText("request_id");
                assertThat(requestIds).doesNotHaveDuplicates().contains("before-1", "during-4", "at-stop-2");
            }
        }
    }

    private static int records(TestGateway t) {
        var res = t.get(t.admin("/usage?size=1000"));
        return res.statusCode() == 200 ? json(res).get("data").size() : -1;
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (java.io.IOException e) {
            return -1; // moved aside for a replay in the meantime
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(100);
        }
    }
}
