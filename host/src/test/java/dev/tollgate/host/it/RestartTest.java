package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded H2 store keeps its configuration across a restart of the gateway. */
class RestartTest {
    @TempDir
    Path dir;

    @Test
    void configurationSurvivesARestart() {
        TestGateway first = TestGateway.start("h2", dir);
        try {
            first.chatRoute("durable", "/durable");
            // Stop only the gateway: the service points at this mock, which must still answer after the restart.
            first.gateway.close();

            try (TestGateway second = TestGateway.start("h2", dir)) {
                var res = expect(200, second.sendJson("POST", second.proxy("/durable"),
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"still there?\"}]}"));
                assertThat(json(res).get("object").asText()).isEqualTo("chat.completion");
                assertThat(first.mock.requests()).hasSize(1);

                var service = json(expect(200, second.get(second.admin("/services/durable"))));
                assertThat(service.get("port").asInt()).isEqualTo(first.mock.port());
            }
        } finally {
            first.mock.stop();
        }
    }
}
