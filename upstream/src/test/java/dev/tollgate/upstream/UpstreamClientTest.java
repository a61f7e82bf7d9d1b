package dev.tollgate.upstream;

import static dev.tollgate.upstream.RawUpstream.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client on real sockets against a byte-level upstream: a connection is used again only
 * after a whole, well-framed response, and answers that frame themselves ambiguously are refused.
 * The upstream answers each path with the bytes a test put under it.
 */
class UpstreamClientTest {
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final RawUpstream upstream;
    private final UpstreamClient client = UpstreamClient.create(Duration.ofSeconds(2), TlsSettings.DEFAULT);

    UpstreamClientTest() throws IOException {
        upstream = new RawUpstream((path, out) -> {
            String answer = answers.get(path);
            if (answer == null) {
                return false;
            }
            boolean close = answer.startsWith("CLOSE:");
            write(out, close ? answer.substring(6) : answer);
            return !close;
        });
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        upstream.close();
    }

    private UpstreamExchange send(String method, String path) {
        return client.send(new Address("http", "127.0.0.1", upstream.port()),
                new RequestHead(method, path, List.of()), RequestContent.NONE, Duration.ofSeconds(2));
    }

    private String get(String path) throws IOException {
        try (UpstreamExchange x = send("GET", path); InputStream in = x.body()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private List<Integer> connections() {
        return upstream.received().stream().map(RawUpstream.Received::connection).toList();
    }

    @Nested
    class AConnectionIsUsedAgain {
        @Test
        void afterALengthFramedBodyReadWhole() throws IOException {
            answers.put("/a", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(List.of(get("/a"), get("/a"), get("/a"))).containsOnly("hello");
            assertThat(connections()).containsExactly(1, 1, 1);
        }

        @Test
        void afterAChunkedBodyReadWholeTrailersIncluded() throws IOException {
            answers.put("/c", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nX-T: 1\r\n\r\n");
            assertThat(get("/c")).isEqualTo("hello!");
            assertThat(get("/c")).isEqualTo("hello!");
            assertThat(connections()).containsExactly(1, 1);
        }

        @Test
        void afterAnAnswerWithoutBody() throws IOException {
            answers.put("/h", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"); // a HEAD answer: the GET's length
            answers.put("/204", "HTTP/1.1 204 No Content\r\n\r\n");
            answers.put("/304", "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n");
            try (UpstreamExchange head = send("HEAD", "/h")) {
                assertThat(head.whole()).isTrue();
                assertThat(head.body().readAllBytes()).isEmpty();
            }
            assertThat(get("/204")).isEmpty();
            assertThat(get("/304")).isEmpty();
            assertThat(connections()).containsExactly(1, 1, 1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"100 Continue", "102 Processing", "103 Early Hints\r\nLink: </a.css>; rel=preload"})
        void afterInterimResponsesWhichAreSkipped(String interim) throws IOException {
            answers.put("/i", "HTTP/1.1 " + interim + "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal");
            try (UpstreamExchange x = send("GET", "/i")) {
                assertThat(x.status()).isEqualTo(200);
                assertThat(x.body().readAllBytes()).asString(StandardCharsets.ISO_8859_1).isEqualTo("final");
            }
            assertThat(get("/i")).isEqualTo("final");
            assertThat(connections()).containsExactly(1, 1);
        }
    }

    @Nested
    class AConnectionIsClosed {
        @Test
        void whenTheBodyIsClosedBeforeItsEnd() throws IOException {
            answers.put("/a", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhelloworld");
            try (UpstreamExchange x = send("GET", "/a")) {
                assertThat(x.body().readNBytes(3)).hasSize(3);
                assertThat(x.whole()).isFalse();
            }
            assertThat(get("/a")).isEqualTo("helloworld");
            assertThat(connections()).containsExactly(1, 2);
        }

        @Test
        void whenTheBodyIsNeverRead() throws IOException {
            answers.put("/a", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
            send("GET", "/a").close();
            assertThat(get("/a")).isEqualTo("hello");
            assertThat(connections()).containsExactly(1, 2);
        }

        @Test
        void whenTheBodyEndsWithTheConnection() throws IOException {
            answers.put("/e", "CLOSE:HTTP/1.1 200 OK\r\n\r\nuntil the close");
            assertThat(get("/e")).isEqualTo("until the close");
            assertThat(get("/e")).isEqualTo("until the close");
            assertThat(connections()).containsExactly(1, 2);
        }

        @Test
        void whenTheUpstreamSentMoreThanItsAnswerAtOnce() throws IOException {
            answers.put("/a", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged");
            assertThat(get("/a")).isEqualTo("hello");
            assertThat(get("/a")).isEqualTo("hello");
            assertThat(connections()).containsExactly(1, 2);
        }

        @Test
        void whenTheUpstreamSentMoreAfterAPause() throws Exception {
            try (RawUpstream liar = new RawUpstream((path, out) -> {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
                Thread.sleep(100);
                write(out, "HTTP/1.1 200 OK\r\nX-Leak: yes\r\nContent-Length: 6\r\n\r\nforged");
                return true;
            })) {
                Address at = new Address("http", "127.0.0.1", liar.port());
                for (int i = 0; i < 2; i++) {
                    try (UpstreamExchange x = client.send(at, new RequestHead("GET", "/", List.of()), RequestContent.NONE,
                            Duration.ofSeconds(2))) {
                        assertThat(x.header("X-Leak")).isNull();
                        assertThat(x.body().readAllBytes()).asString(StandardCharsets.ISO_8859_1).isEqualTo("hello");
                    }
                    Thread.sleep(300); // the forged answer arrives while the connection is idle
                }
                assertThat(liar.connections()).isEqualTo(2);
            }
        }

        @Test
        void forAWhileOnceTheUpstreamWasCaughtSendingMoreThanItFramed() throws Exception {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            try (RawUpstream liar = new RawUpstream((path, out) -> {
                int i = n.incrementAndGet();
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nuser-" + i);
                if (i == 1) {
                    Thread.sleep(100);
                    write(out, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged");
                }
                return true;
            })) {
                Address at = new Address("http", "127.0.0.1", liar.port());
                List<String> got = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    try (UpstreamExchange x = client.send(at, new RequestHead("GET", "/", List.of()), RequestContent.NONE,
                            Duration.ofSeconds(2))) {
                        got.add(new String(x.body().readAllBytes(), StandardCharsets.ISO_8859_1));
                    }
                    if (i == 0) {
                        Thread.sleep(300); // the forged answer arrives while the connection is idle: caught
                    }
                }
                assertThat(got).containsExactly("user-1", "user-2", "user-3", "user-4");
                // Caught once, the upstream gets a new connection for every request: a later over-send,
                // arriving just after a probe, could not reach the next request.
                assertThat(liar.connections()).isEqualTo(4);
                assertThat(client.idleConnections()).isZero();
            }
        }

        @Test
        void whenTheUpstreamAnswersHttp10OrAsksToClose() throws IOException {
            answers.put("/10", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
            answers.put("/close", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
            assertThat(List.of(get("/10"), get("/close"), get("/10"))).containsOnly("ok");
            assertThat(connections()).containsExactly(1, 2, 3);
        }

        @Test
        void whenTheUpstreamClosedItWhileIdle() throws Exception {
            answers.put("/a", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(get("/a")).isEqualTo("hello");
            upstream.closeConnections();
            Thread.sleep(100);
            assertThat(get("/a")).isEqualTo("hello"); // the probe saw the close: a new connection, no error
            assertThat(connections()).containsExactly(1, 2);
        }

        @Test
        void whenWritingTheBodyFails() throws IOException {
            answers.put("/a", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
            RequestContent broken = new RequestContent() {
                @Override
                public long length() {
                    return -1;
                }

                @Override
                public void writeTo(java.io.OutputStream out) throws IOException {
                    out.write("half of a body".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    throw new IllegalStateException("the client's upload broke off");
                }

                @Override
                public boolean replayable() {
                    return false;
                }
            };
            assertThatThrownBy(() -> client.send(new Address("http", "127.0.0.1", upstream.port()),
                    new RequestHead("POST", "/a", List.of()), broken, Duration.ofSeconds(2)))
                    .hasMessage("the client's upload broke off");
            assertThat(client.idleConnections()).isZero();
            assertThat(get("/a")).isEqualTo("hello");
            assertThat(client.idleConnections()).isEqualTo(1);
        }
    }

    @Nested
    class ARequestThatMetAClosingConnection {
        private RawUpstream closesTheSecond() throws IOException {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            return new RawUpstream((path, out) -> {
                if (n.incrementAndGet() == 2) {
                    return false; // closes without answering: as an upstream closing an idle connection meets a request
                }
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                return true;
            });
        }

        @Test
        void isSentAgainOnANewOneWhenItsMethodIsIdempotent() throws IOException {
            try (RawUpstream up = closesTheSecond()) {
                Address at = new Address("http", "127.0.0.1", up.port());
                for (int i = 0; i < 2; i++) {
                    try (UpstreamExchange x = client.send(at, new RequestHead("GET", "/", List.of()), RequestContent.NONE,
                            Duration.ofSeconds(2))) {
                        assertThat(x.body().readAllBytes()).hasSize(2);
                    }
                }
                assertThat(up.received()).extracting(RawUpstream.Received::connection).containsExactly(1, 1, 2);
            }
        }

        @Test
        void isNotSentTwiceWhenItMayHaveBeenActedOn() throws IOException {
            try (RawUpstream up = closesTheSecond()) {
                Address at = new Address("http", "127.0.0.1", up.port());
                RequestContent body = RequestContent.of("{}".getBytes(StandardCharsets.US_ASCII));
                client.send(at, new RequestHead("POST", "/", List.of()), body, Duration.ofSeconds(2)).close();
                assertThatThrownBy(() -> client.send(at, new RequestHead("POST", "/", List.of()), body, Duration.ofSeconds(2)))
                        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("closed the connection without answering");
                assertThat(up.received()).hasSize(2);
            }
        }
    }

    @Nested
    class AnAnswerIsRefused {
        private void refused(String answer, String message) {
            answers.put("/x", answer);
            assertThatThrownBy(() -> get("/x")).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(UpstreamProtocolException.class).hasMessageContaining(message);
            assertThat(client.idleConnections()).isZero();
        }

        @Test
        void framedTwice() {
            refused("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                    "framed its answer twice");
        }

        @Test
        void withATransferCodingButChunked() {
            refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", "'gzip, chunked' is not supported");
        }

        @Test
        void withTwoLengths() {
            refused("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", "not one length");
        }

        @Test
        void switchingProtocols() {
            refused("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "switched protocols");
        }

        @Test
        void withAFoldedOrBrokenHeader() {
            refused("HTTP/1.1 200 OK\r\nX-A: 1\r\n continued\r\nContent-Length: 0\r\n\r\n", "folded");
        }

        @Test
        void withAHeadTooLarge() {
            refused("HTTP/1.1 200 OK\r\nX-Big: " + "x".repeat(20_000) + "\r\nContent-Length: 0\r\n\r\n", "over 16384 bytes");
        }

        @Test
        void withAMalformedChunk() throws IOException {
            answers.put("/x", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
            try (UpstreamExchange x = send("GET", "/x")) {
                assertThatThrownBy(() -> x.body().readAllBytes()).isInstanceOf(UpstreamProtocolException.class)
                        .hasMessageContaining("not hexadecimal");
            }
            assertThat(client.idleConnections()).isZero();
        }

        @Test
        void cutShort() throws IOException {
            answers.put("/x", "CLOSE:HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort");
            try (UpstreamExchange x = send("GET", "/x")) {
                assertThatThrownBy(() -> x.body().readAllBytes()).isInstanceOf(IOException.class)
                        .hasMessageContaining("after 5 of 50 bytes");
                assertThat(x.whole()).isFalse();
            }
        }
    }

    @Test
    void aRequestIsFramedByItsContentWhateverItsHeadersSay() throws IOException {
        answers.put("/p", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (UpstreamExchange x = client.send(new Address("http", "127.0.0.1", upstream.port()),
                new RequestHead("POST", "/p", List.of(new HeaderField("Content-Length", "999"),
                        new HeaderField("Transfer-Encoding", "chunked"), new HeaderField("X-Ok", "1"))),
                RequestContent.of("body".getBytes(StandardCharsets.US_ASCII)), Duration.ofSeconds(2))) {
            assertThat(x.body().readAllBytes()).hasSize(2);
        }
        assertThat(upstream.received()).hasSize(1); // the upstream read exactly one request: "body" by its length of 4
        assertThatThrownBy(() -> client.send(new Address("http", "127.0.0.1", upstream.port()),
                new RequestHead("GET", "/p", List.of(new HeaderField("X-Bad", "a\r\nX-Injected: 1"))), RequestContent.NONE,
                Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
