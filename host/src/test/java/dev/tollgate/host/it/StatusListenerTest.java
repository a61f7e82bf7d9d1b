package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status listener (Kong's status_listen): health and readiness apart from the Admin API. */
class StatusListenerTest {
    @TempDir
    Path dir;

    @Test
    void answersStatusAndReadinessAndNothingElse() {
        try (TestGateway t = TestGateway.start("h2", dir)) {
            String base = "http://127.0.0.1:" + t.gateway.statusPort();
            JsonNode ready = json(expect(200, t.get(base + "/status/ready")));
            assertThat(ready.get("ready").asBoolean()).isTrue();
            assertThat(ready.get("configuration_version").asLong()).isNotNegative();
            assertThat(ready.get("in_sync").asBoolean()).isTrue();
            JsonNode status = json(expect(200, t.get(base + "/status")));
            assertThat(status.get("database").get("reachable").asBoolean()).isTrue();
            // No Admin API here: nothing can be read or written but the status.
            assertThat(t.get(base + "/services").statusCode()).isEqualTo(404);
            assertThat(t.postForm(base + "/services", "name=x", "url=http://x").statusCode()).isIn(404, 405);
        }
    }

    @Test
    void canBeTurnedOff() {
        try (TestGateway t = TestGateway.start("h2", dir, "--status.port=off")) {
            assertThat(t.gateway.statusPort()).isEqualTo(-1);
            expect(200, t.get(t.admin("/status")));
        }
    }
}
