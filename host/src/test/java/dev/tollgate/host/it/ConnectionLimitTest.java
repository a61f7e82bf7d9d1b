package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proxy.max-connections: clients past the limit wait in the accept queue rather than the gateway
 * running out of file descriptors, which would stop its listener for good (Helidon 4.5 ends a
 * listener whose accept fails).
 */
class ConnectionLimitTest {
    @TempDir
    Path dir;

    private static String get(Socket s, String path) throws IOException {
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        byte[] head = new byte[12];
        int n = in.readNBytes(head, 0, 12);
        return new String(head, 0, n, StandardCharsets.US_ASCII);
    }

    @Test
    void aClientPastTheLimitWaitsForAConnectionToClose() throws Exception {
        try (TestGateway t = TestGateway.start("h2", dir, "--proxy.max-connections=3")) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/e"));
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket("127.0.0.1", t.gateway.proxyPort());
                    s.setSoTimeout(5000);
                    assertThat(get(s, "/e")).isEqualTo("HTTP/1.1 200"); // accepted, and kept alive
                    held.add(s);
                }
                try (Socket fourth = new Socket("127.0.0.1", t.gateway.proxyPort())) { // queued by the kernel
                    fourth.setSoTimeout(700);
                    boolean waited = false;
                    try {
                        get(fourth, "/e");
                    } catch (SocketTimeoutException expected) {
                        waited = true;
                    }
                    assertThat(waited).as("a fourth connection is not served while three are held").isTrue();
                    held.removeFirst().close();
                    fourth.setSoTimeout(5000);
                    InputStream in = fourth.getInputStream();
                    byte[] head = in.readNBytes(12);
                    assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            expect(200, t.get(t.proxy("/e"))); // the listener is alive
        }
    }
}
