package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTP/1.1 upstream that ends its body by closing the connection (no length, no chunking). */
class CloseDelimitedResponseTest {
    @TempDir
    Path dir;

    @Test
    void theWholeBodyReachesTheClient() throws Exception {
        String body = "x".repeat(100_000);
        try (ServerSocket upstream = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             TestGateway t = TestGateway.start("h2", dir)) {
            Thread.ofVirtual().start(() -> {
                while (!upstream.isClosed()) {
                    try (Socket s = upstream.accept()) {
                        s.getInputStream().read(new byte[8192]); // the request; small enough for one read
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n" + body)
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            expect(201, t.postForm(t.admin("/services"), "name=old", "url=http://127.0.0.1:" + upstream.getLocalPort() + "/"));
            expect(201, t.postForm(t.admin("/services/old/routes"), "paths[]=/old"));
            var res = expect(200, t.get(t.proxy("/old")));
            assertThat(res.body()).isEqualTo(body);
        }
    }
}
