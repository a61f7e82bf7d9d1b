package dev.tollgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.helidon.http.Method;
import io.helidon.webclient.api.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client-side rule on a real socket: a connection is used again only after its response
 * was read to its framed end. The upstream answers every request on a connection with the
 * same bytes and records which connection each request came on.
 */
class UpstreamResponseTest {
    private ServerSocket server;
    private final List<Integer> connectionOfRequest = new CopyOnWriteArrayList<>();
    private volatile String answer;
    private WebClient client;
    private UpstreamPool pool;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            for (int id = 1; !server.isClosed(); id++) {
                try {
                    Socket s = server.accept();
                    int conn = id;
                    Thread.ofVirtual().start(() -> serve(s, conn));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        var builder = WebClient.builder().keepAlive(true).followRedirects(false);
        UpstreamResponse.install(builder);
        client = builder.build();
        pool = UpstreamPool.create(client);
    }

    private void serve(Socket s, int conn) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[8192];
            while (in.read(buf) > 0) { // one request per read: small GETs
                connectionOfRequest.add(conn);
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (answer.contains("X-Then: close")
                        || !answer.contains("Content-Length") && !answer.contains("chunked") && !answer.contains(" 204 ")) {
                    return; // close-delimited: the close ends the body
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        pool.close();
        server.close();
    }

    private UpstreamResponse get(String method) {
        return pool.send("http", "127.0.0.1", server.getLocalPort(), c -> client.method(Method.create(method))
                .uri("http://127.0.0.1:" + server.getLocalPort() + "/x").connection(c).request());
    }

    private String readAll(UpstreamResponse r) throws IOException {
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aWholeLengthFramedBodyKeepsItsConnection() throws IOException {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        for (int i = 0; i < 3; i++) {
            assertThat(readAll(get("GET"))).isEqualTo("hello");
        }
        assertThat(connectionOfRequest).containsExactly(1, 1, 1);
    }

    @Test
    void aWholeChunkedBodyKeepsItsConnection() throws IOException {
        answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        assertThat(readAll(get("GET"))).isEqualTo("hello");
        assertThat(readAll(get("GET"))).isEqualTo("hello");
        assertThat(connectionOfRequest).containsExactly(1, 1);
    }

    @Test
    void aBodyClosedBeforeItsEndTakesItsConnectionWithIt() throws IOException {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhelloworld";
        try (UpstreamResponse r = get("GET")) {
            assertThat(r.body().readNBytes(3)).hasSize(3);
            assertThat(r.whole()).isFalse();
        }
        assertThat(readAll(get("GET"))).isEqualTo("helloworld");
        assertThat(connectionOfRequest).containsExactly(1, 2);
    }

    @Test
    void aBodyNeverReadTakesItsConnectionWithIt() throws IOException {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        get("GET").close();
        assertThat(readAll(get("GET"))).isEqualTo("hello");
        assertThat(connectionOfRequest).containsExactly(1, 2);
    }

    @Test
    void aCloseDelimitedBodyIsReadToTheCloseAndNeverReused() throws IOException {
        answer = "HTTP/1.1 200 OK\r\n\r\nuntil the close";
        UpstreamResponse r = get("GET");
        assertThat(readAll(r)).isEqualTo("until the close");
        assertThat(r.whole()).isTrue();
        assertThat(readAll(get("GET"))).isEqualTo("until the close");
        assertThat(connectionOfRequest).containsExactly(1, 2);
    }

    @Test
    void bytesPastTheResponseTakeTheConnectionWithThem() throws IOException {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged";
        assertThat(readAll(get("GET"))).isEqualTo("hello");
        assertThat(readAll(get("GET"))).isEqualTo("hello");
        assertThat(connectionOfRequest).containsExactly(1, 2);
    }

    @Test
    void noBodyIsWaitedForWhereHttpSaysThereIsNone() throws IOException {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"; // a HEAD answer: the length is the GET's
        UpstreamResponse head = get("HEAD");
        assertThat(head.whole()).isTrue();
        assertThat(readAll(head)).isEmpty();
        answer = "HTTP/1.1 204 No Content\r\n\r\n";
        assertThat(readAll(get("GET"))).isEmpty();
        assertThat(connectionOfRequest).containsExactly(1, 1);
    }

    @Test
    void anUpstreamThatClosesInsideALengthFramedBodyIsAnError() {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 50\r\nX-Then: close\r\n\r\nshort";
        try (UpstreamResponse r = get("GET")) {
            assertThatThrownBy(() -> r.body().readAllBytes()).isInstanceOf(IOException.class)
                    .hasMessageContaining("after 5 of 50 bytes");
            assertThat(r.whole()).isFalse();
        }
    }

    @Test
    void aRequestWhoseBodyFailsMidWayTakesItsConnectionWithIt() throws IOException {
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        assertThatThrownBy(() -> pool.send("http", "127.0.0.1", server.getLocalPort(), c -> client.post()
                .uri("http://127.0.0.1:" + server.getLocalPort() + "/x").connection(c).sendExpectContinue(false)
                .outputStream(out -> {
                    out.write("half of a body".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    throw new IllegalStateException("the client's body broke off");
                }))).hasMessage("the client's body broke off");
        assertThat(pool.idleConnections()).isZero();
        assertThat(readAll(get("GET"))).isEqualTo("hello");
        assertThat(pool.idleConnections()).isEqualTo(1);
    }

    @Test
    void aClientWithoutTheRuleIsRefused() {
        WebClient plain = WebClient.builder().build();
        UpstreamPool unguarded = UpstreamPool.create(plain);
        answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        assertThatThrownBy(() -> unguarded.send("http", "127.0.0.1", server.getLocalPort(),
                c -> plain.get("http://127.0.0.1:" + server.getLocalPort() + "/x").connection(c).request()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UpstreamResponse.install");
    }
}
