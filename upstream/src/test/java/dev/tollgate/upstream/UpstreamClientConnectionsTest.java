package dev.tollgate.upstream;

import static dev.tollgate.upstream.RawUpstream.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Connecting, idle connections, and an upstream that answers before it read the whole request. */
class UpstreamClientConnectionsTest {

    @Test
    void aConnectFailureIsTypedSoThatNothingElseCanPassForIt() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (UpstreamClient client = UpstreamClient.create(Duration.ofSeconds(2), TlsSettings.DEFAULT)) {
            assertThatThrownBy(() -> client.send(new Address("http", "127.0.0.1", closedPort),
                    new RequestHead("GET", "/", List.of()), RequestContent.NONE, Duration.ofSeconds(1)))
                    .isInstanceOf(UncheckedIOException.class)
                    .cause().isInstanceOfSatisfying(UpstreamConnectException.class, e -> assertThat(e.timedOut()).isFalse());
            assertThatThrownBy(() -> client.send(new Address("http", "no-such-host.invalid", 80),
                    new RequestHead("GET", "/", List.of()), RequestContent.NONE, Duration.ofSeconds(1)))
                    .cause().isInstanceOf(UpstreamConnectException.class).hasMessageContaining("unknown host");
        }
    }

    @Test
    void idleConnectionsAreClosedWithoutFurtherTraffic() throws Exception {
        try (RawUpstream up = new RawUpstream((path, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return true;
        }); UpstreamClient client = UpstreamClient.create(Duration.ofSeconds(2), TlsSettings.DEFAULT, Duration.ofMillis(300))) {
            Address at = new Address("http", "127.0.0.1", up.port());
            try (UpstreamExchange x = client.send(at, new RequestHead("GET", "/", List.of()), RequestContent.NONE,
                    Duration.ofSeconds(1))) {
                x.body().readAllBytes();
            }
            assertThat(client.idleConnections()).isEqualTo(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (up.liveConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(client.idleConnections()).isZero();
            assertThat(up.liveConnections()).isZero();
        }
    }

    /** Reads the request head only, answers 413 and closes: the rest of a large upload is never read. */
    @Test
    void anAnswerSentBeforeTheUploadEndedReachesTheCaller() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             UpstreamClient client = UpstreamClient.create(Duration.ofSeconds(2), TlsSettings.DEFAULT)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] head = new byte[4];
                    while (in.read(head, 0, 1) > 0 && !(head[0] == '\n' && in.read(head, 1, 1) > 0 && head[1] == '\r')) {
                        // up to the blank line that ends the head
                    }
                    s.getOutputStream().write(("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 8\r\n"
                            + "Connection: close\r\n\r\ntoo big!").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(200);
                    s.setSoLinger(true, 0); // unread upload in the buffer: the close is a reset, as from a real server
                } catch (Exception ignored) {
                    // the test's assertions tell
                }
            });
            byte[] upload = new byte[8 * 1024 * 1024];
            try (UpstreamExchange x = client.send(new Address("http", "127.0.0.1", server.getLocalPort()),
                    new RequestHead("POST", "/upload", List.of()), RequestContent.of(upload), Duration.ofSeconds(2))) {
                assertThat(x.status()).isEqualTo(413);
                assertThat(x.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("too big!");
            }
            assertThat(client.idleConnections()).isZero();
        }
    }

    @Test
    void anUpstreamCaughtAgainAfterItsBanIsBannedTwiceAsLong() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean overSend = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (RawUpstream up = new RawUpstream((path, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + (overSend.get() ? "EXTRA" : ""));
            return true;
        }); UpstreamClient client = UpstreamClient.withNoReuse(Duration.ofMillis(400))) {
            Address at = new Address("http", "127.0.0.1", up.port());
            java.util.function.IntSupplier call = () -> {
                try (UpstreamExchange x = client.send(at, new RequestHead("GET", "/", List.of()), RequestContent.NONE,
                        Duration.ofSeconds(1))) {
                    x.body().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return up.connections();
            };
            call.getAsInt(); // over-sends: banned for 400 ms
            overSend.set(false);
            int before = call.getAsInt();
            assertThat(call.getAsInt()).isEqualTo(before + 1); // banned: a new connection each time
            Thread.sleep(500);
            int after = call.getAsInt();
            assertThat(call.getAsInt()).isEqualTo(after); // the ban is over: reused
            overSend.set(true);
            call.getAsInt(); // caught again: 800 ms this time
            overSend.set(false);
            Thread.sleep(500);
            int stillBanned = call.getAsInt();
            assertThat(call.getAsInt()).isEqualTo(stillBanned + 1);
        }
    }
}
