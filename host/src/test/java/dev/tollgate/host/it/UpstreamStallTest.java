package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upstream that accepts connections and then never reads: write_timeout must end the wait. */
class UpstreamStallTest {
    private static final int BODY = 48 * 1024 * 1024; // more than loopback socket buffers can swallow

    @TempDir
    Path dir;

    @Test
    void anUpstreamThatStopsReadingGets504AfterWriteTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TestGateway t = TestGateway.start("h2", dir, "--proxy.max-body-size=64MiB")) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = blackHole.accept();
                        s.setReceiveBufferSize(4096);
                        held.add(s); // never read from it
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            expect(201, t.postForm(t.admin("/services"), "name=hole", "url=http://127.0.0.1:" + blackHole.getLocalPort() + "/",
                    "write_timeout=500", "retries=0"));
            expect(201, t.postForm(t.admin("/services/hole/routes"), "paths[]=/hole"));

            long start = System.nanoTime();
            String status;
            try (Socket client = new Socket("127.0.0.1", t.gateway.proxyPort())) {
                client.setSoTimeout(30_000);
                OutputStream out = client.getOutputStream();
                out.write(("POST /hole HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                        + BODY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                Thread uploader = Thread.ofVirtual().start(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        for (int sent = 0; sent < BODY; sent += chunk.length) {
                            out.write(chunk);
                        }
                    } catch (IOException gatewayGaveUp) {
                        // expected once the gateway answers and closes
                    }
                });
                try {
                    byte[] head = client.getInputStream().readNBytes(12);
                    status = new String(head, StandardCharsets.US_ASCII);
                } catch (java.net.SocketException reset) {
                    // The gateway answered and closed while this client was still uploading: TCP may
                    // then reset the connection and the answer with it. What matters is that the
                    // wait ended at write_timeout, not at the client's 30 s read timeout.
                    status = "reset";
                }
                uploader.interrupt();
            }
            assertThat(status).isIn("HTTP/1.1 504", "reset");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            // And the gateway keeps serving.
            t.chatRoute("after", "/after");
            expect(200, t.sendJson("POST", t.proxy("/after"), "{\"messages\":[{\"role\":\"user\",\"content\":\"ok?\"}]}"));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
