package dev.tollgate.host.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import dev.tollgate.host.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway that cannot listen says so and does not pretend to run. */
class StartupFailureTest {
    @TempDir
    Path dir;

    @Test
    void aTakenPortFailsTheStartNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var config = TestGateway.config("h2", dir).withPorts(0, 0, taken.getLocalPort());
            assertThatThrownBy(() -> Gateway.start(config).close())
                    .hasMessageContaining("cannot listen")
                    .hasMessageContaining(":" + taken.getLocalPort());
        }
        // The store was released: a second gateway on the same data directory starts.
        TestGateway.config("h2", dir);
        Gateway.start(TestGateway.config("h2", dir)).close();
    }
}
