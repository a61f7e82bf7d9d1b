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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same connection rules over TLS, where decrypted bytes are all the client's own streams
 * see: a pooled connection is probed on its socket, so a late forged answer or a close while
 * idle rules it out, and a healthy one is still used again.
 */
class UpstreamClientTlsTest {
    private final UpstreamClient client = UpstreamClient.create(Duration.ofSeconds(2), new TlsSettings(false, List.of()));

    @AfterEach
    void stop() {
        client.close();
    }

    private static String call(UpstreamClient client, Address at, String method, String body) throws IOException {
        RequestContent content = body == null ? RequestContent.NONE : RequestContent.of(body.getBytes(StandardCharsets.UTF_8));
        try (UpstreamExchange x = client.send(at, new RequestHead(method, "/", List.of()), content, Duration.ofSeconds(2));
             InputStream in = x.body()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aHealthyConnectionIsUsedAgain() throws IOException {
        try (RawUpstream up = RawUpstream.tls((path, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return true;
        })) {
            Address at = new Address("https", "127.0.0.1", up.port());
            for (int i = 0; i < 5; i++) {
                assertThat(call(client, at, "GET", null)).isEqualTo("ok");
            }
            assertThat(up.connections()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionWithBytesThatArrivedWhileIdleIsNotUsedAgain() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (RawUpstream liar = RawUpstream.tls((path, out) -> {
            int i = n.incrementAndGet();
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nuser-" + (i == 1 ? "A" : "B"));
            if (i == 1) {
                Thread.sleep(100);
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nSECRET-A");
            }
            return true;
        })) {
            Address at = new Address("https", "127.0.0.1", liar.port());
            assertThat(call(client, at, "GET", null)).isEqualTo("user-A");
            Thread.sleep(300); // A's forged answer arrives while the connection is idle
            assertThat(call(client, at, "GET", null)).isEqualTo("user-B");
            assertThat(call(client, at, "GET", null)).isEqualTo("user-B");
            // The forged bytes were decrypted and seen as data: the upstream gets no reuse for a while.
            assertThat(liar.connections()).isEqualTo(3);
            assertThat(client.idleConnections()).isZero();
        }
    }

    @Test
    void aPostAfterTheUpstreamClosedAnIdleConnectionGoesOnANewOne() throws Exception {
        try (RawUpstream up = RawUpstream.tls((path, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return true;
        })) {
            Address at = new Address("https", "127.0.0.1", up.port());
            assertThat(call(client, at, "POST", "{}")).isEqualTo("ok");
            up.closeConnections(); // as Node or uvicorn close a connection idle for 5 s
            Thread.sleep(100);
            assertThat(call(client, at, "POST", "{}")).isEqualTo("ok");
            assertThat(call(client, at, "POST", "{}")).isEqualTo("ok");
            // A close is not an over-send: the new connection is used again.
            assertThat(up.received()).extracting(RawUpstream.Received::connection).containsExactly(1, 2, 2);
        }
    }

    @Test
    void aFailedHandshakeLeavesNoSocketOpen() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger closedByClient = new AtomicInteger();
        try (ServerSocket plain = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) { // speaks HTTP, not TLS
            Thread.ofVirtual().start(() -> {
                while (!plain.isClosed()) {
                    try {
                        Socket s = plain.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                                while (s.getInputStream().read() >= 0) {
                                    // until the client closes its side
                                }
                                closedByClient.incrementAndGet();
                            } catch (IOException e) {
                                closedByClient.incrementAndGet(); // a reset is a close too
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            Address at = new Address("https", "127.0.0.1", plain.getLocalPort());
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> call(client, at, "GET", null)).isInstanceOf(UncheckedIOException.class)
                        .cause().isInstanceOf(UpstreamConnectException.class);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (closedByClient.get() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(accepted.get()).isEqualTo(5);
            assertThat(closedByClient.get()).isEqualTo(5);
        }
    }

    @Test
    void aNameSniCannotCarryIsLeftOutOfTheHandshake() {
        assertThat(Connection.serverName("tls_under.internal")).isNull();
        assertThat(Connection.serverName("api.example.com.")).isNotNull()
                .extracting(javax.net.ssl.SNIHostName::getAsciiName).isEqualTo("api.example.com");
        assertThat(Connection.serverName("127.0.0.1")).isNull();
        assertThat(Connection.serverName("::1")).isNull();
    }
}
