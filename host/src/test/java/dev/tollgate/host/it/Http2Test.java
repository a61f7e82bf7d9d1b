package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 on the proxy listeners: h2 through TLS ALPN and cleartext h2c (prior knowledge and
 * upgrade), with the JDK's HttpClient in HTTP/2 mode and with curl. Upstreams stay HTTP/1.1.
 */
class Http2Test {
    @TempDir
    static Path dir;
    static TestGateway t;
    static HttpClient h2;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates tls = TestCertificates.selfSigned(dir);
        t = TestGateway.start("h2", dir, "--proxy.tls.certificate=" + tls.certificate(), "--proxy.tls.key=" + tls.key(),
                "--proxy.client-body-timeout=1s");
        h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5))
                .sslContext(TestCertificates.trusting(tls.certificate())).build();
        expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/up"));
        expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/echo"));
        expect(201, t.postForm(t.admin("/services"), "name=events", "url=" + t.mock.baseUrl() + "/stream/sse"));
        expect(201, t.postForm(t.admin("/services/events/routes"), "paths[]=/events"));
        t.chatRoute("chat", "/chat");
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static String https(String path) {
        return "https://127.0.0.1:" + t.gateway.proxyTlsPort() + path;
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return h2.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void h2OverTlsReachesAnHttp11UpstreamWithAHostHeaderAndNoPseudoHeaders() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(https("/echo/a?q=1")))
                .header("X-Trace", "t-1").POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"h2\"}")).build());
        assertThat(res.version()).isEqualTo(HttpClient.Version.HTTP_2);
        expect(200, res);
        JsonNode echo = json(res);
        assertThat(echo.path("method").asText()).isEqualTo("POST");
        assertThat(echo.path("path").asText()).isEqualTo("/echo/up/a");
        assertThat(echo.path("query").asText()).isEqualTo("q=1");
        assertThat(echo.path("body").asText()).isEqualTo("{\"hello\":\"h2\"}");
        JsonNode headers = echo.path("headers");
        assertThat(headers.path("x-trace").asText()).isEqualTo("t-1");
        assertThat(headers.path("host").asText()).isNotEmpty();
        headers.fieldNames().forEachRemaining(name -> assertThat(name).doesNotStartWith(":"));
        assertThat(res.headers().firstValue("via")).hasValue("2 tollgate");
    }

    @Test
    void concurrentStreamsOnOneConnectionEachGetTheirOwnAnswer() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(h2.sendAsync(HttpRequest.newBuilder(URI.create(https("/echo/user-" + i)))
                    .header("X-User", "user-" + i).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> res = answers.get(i).get(30, TimeUnit.SECONDS);
            assertThat(res.version()).isEqualTo(HttpClient.Version.HTTP_2);
            JsonNode echo = json(expect(200, res));
            assertThat(echo.path("path").asText()).as("answer %d", i).isEqualTo("/echo/up/user-" + i);
            assertThat(echo.path("headers").path("x-user").asText()).isEqualTo("user-" + i);
        }
    }

    @Test
    void streamedEventsArriveOneByOneOverH2() throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> res = h2.send(HttpRequest.newBuilder(URI.create(https("/events?events=4&delay_ms=300"))).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.version()).isEqualTo(HttpClient.Version.HTTP_2);
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("data:")) {
                    arrivals.add((System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        assertThat(arrivals).hasSize(4);
        // Each event is flushed as it comes: the first is there long before the last was sent.
        assertThat(arrivals.get(3) - arrivals.get(0)).isGreaterThan(600);
    }

    @Test
    void gatewayAnswersAndOversizedBodiesDoNotDisturbOtherStreams() throws Exception {
        HttpResponse<String> noRoute = send(HttpRequest.newBuilder(URI.create(https("/nowhere"))).GET().build());
        assertThat(noRoute.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(json(noRoute).path("message").asText()).isNotEmpty();
        HttpResponse<String> tooLarge = send(HttpRequest.newBuilder(URI.create(https("/echo/big")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[11 * 1024 * 1024])).build());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        HttpResponse<String> after = send(HttpRequest.newBuilder(URI.create(https("/echo/after"))).GET().build());
        assertThat(json(expect(200, after)).path("path").asText()).isEqualTo("/echo/up/after");
    }

    @Test
    void aStreamThatStallsMidUploadIsCutOffAloneOtherStreamsGoOn() throws Exception {
        // One stream sends 3 bytes of its body and then nothing; its neighbour on the same connection is unaffected.
        Flow.Publisher<ByteBuffer> stalls = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean sent;

            @Override
            public void request(long n) {
                if (!sent) {
                    sent = true;
                    subscriber.onNext(ByteBuffer.wrap("hel".getBytes(StandardCharsets.US_ASCII)));
                }
            }

            @Override
            public void cancel() {
            }
        });
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> stalled = h2.sendAsync(HttpRequest.newBuilder(URI.create(https("/echo/stall")))
                .POST(HttpRequest.BodyPublishers.fromPublisher(stalls)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> neighbour = send(HttpRequest.newBuilder(URI.create(https("/echo/neighbour"))).GET().build());
        assertThat(json(expect(200, neighbour)).path("path").asText()).isEqualTo("/echo/up/neighbour");
        Object outcome;
        try {
            outcome = stalled.get(10, TimeUnit.SECONDS).statusCode();
        } catch (java.util.concurrent.ExecutionException e) {
            outcome = e.getCause().toString();
        } catch (java.util.concurrent.TimeoutException e) {
            outcome = "no answer in 10 s; the gateway's log of it: " + t.get(t.admin("/requests?size=5")).body();
        }
        // An error answer, or (the answer was under way) the stream reset: the connection stays, as the next call shows.
        assertThat(String.valueOf(outcome)).matches("400|408|.*RST_STREAM.*");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));

        HttpResponse<String> after = send(HttpRequest.newBuilder(URI.create(https("/echo/after-stall"))).GET().build());
        assertThat(after.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(json(expect(200, after)).path("path").asText()).isEqualTo("/echo/up/after-stall");
    }

    @Test
    void cleartextUpgradeWithTheJdkClient() throws Exception {
        HttpClient cleartext = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // The JDK client asks for h2c on its first request (a GET here) and keeps the connection on HTTP/2.
        HttpResponse<String> first = cleartext.send(HttpRequest.newBuilder(URI.create(t.proxy("/echo/one"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpResponse<String> post = cleartext.send(HttpRequest.newBuilder(URI.create(t.proxy("/echo/two")))
                .POST(HttpRequest.BodyPublishers.ofString("second")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(json(expect(200, post)).path("body").asText()).isEqualTo("second");
    }

    @Test
    void curlPriorKnowledgeAndUpgradeAndAlpn() throws Exception {
        assumeTrue(curlHasHttp2() || "true".equals(System.getenv("CI")), "curl without HTTP/2 support: skipped (CI requires it)");
        String chat = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String prior = curl("--http2-prior-knowledge", "-H", "Content-Type: application/json", "--data", chat, t.proxy("/chat"));
        assertThat(prior).startsWith("2 200\n").contains("\"chat.completion\"");
        String upgrade = curl("--http2", t.proxy("/echo/curl"));
        assertThat(upgrade).startsWith("2 200\n").contains("/echo/up/curl");
        String alpn = curl("--http2", "-k", https("/echo/alpn"));
        assertThat(alpn).startsWith("2 200\n").contains("/echo/up/alpn");
    }

    private static boolean curlHasHttp2() {
        try {
            return run("curl", "-V").contains("HTTP2");
        } catch (Exception e) {
            return false;
        }
    }

    /** curl's HTTP version and status on the first line, then the body. */
    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-w", "\\n%{http_version} %{http_code}"));
        cmd.addAll(List.of(args));
        String out = run(cmd.toArray(String[]::new));
        int nl = out.lastIndexOf('\n');
        return out.substring(nl + 1) + "\n" + out.substring(0, Math.max(nl, 0));
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }
}
