package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 is not offered, on any listener: Helidon 4.5.0's HPACK decoder spins for ever on a header
 * larger than its 4 KiB dynamic table sent with incremental indexing, so two such HEADERS frames
 * froze a 2-core gateway, proxy and Admin API alike (docs/configuration.md#http2). Clients that
 * ask for HTTP/2 get HTTP/1.1: the upgrade is declined and TLS negotiates http/1.1.
 */
class Http2OffTest {
    @TempDir
    static Path dir;
    static TestGateway t;
    static Path cert;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates tls = TestCertificates.selfSigned(dir);
        cert = tls.certificate();
        t = TestGateway.start("h2", dir, "--proxy.tls.certificate=" + tls.certificate(), "--proxy.tls.key=" + tls.key());
        expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/up"));
        expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/echo"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void clientsAskingForHttp2GetHttp11OnEveryListener() throws Exception {
        HttpClient cleartext = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> upgraded = cleartext.send(HttpRequest.newBuilder(URI.create(t.proxy("/echo/a"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.statusCode()).isEqualTo(200);
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        HttpResponse<String> admin = cleartext.send(HttpRequest.newBuilder(URI.create(t.admin("/"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admin.version()).isEqualTo(HttpClient.Version.HTTP_1_1);

        HttpClient alpn = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5))
                .sslContext(TestCertificates.trusting(cert)).build();
        HttpResponse<String> secure = alpn.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + t.gateway.proxyTlsPort()
                + "/echo/b")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(secure.statusCode()).isEqualTo(200);
        assertThat(secure.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
}
