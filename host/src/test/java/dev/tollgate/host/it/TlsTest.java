package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the proxy listener, and TLS verification of HTTPS upstreams. The certificate is
 * self-signed and made at test time, so no key material lives in the repository. The
 * gateway's own HTTPS listener doubles as the HTTPS upstream (chaining to the mock).
 */
class TlsTest {

    @TempDir
    static Path dir;
    static Path certPem;
    static TestGateway t;
    static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates pair = TestCertificates.selfSigned(dir);
        certPem = pair.certificate();
        Path keyPem = pair.key();

        t = TestGateway.start("h2", dir, "--proxy.tls.certificate=" + certPem, "--proxy.tls.key=" + keyPem,
                "--ui.tls.certificate=" + certPem, "--ui.tls.key=" + keyPem);
        assertThat(t.gateway.proxyTlsPort()).isPositive();
        https = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(TestCertificates.trusting(certPem))
                .build();

        expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
        expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/tls-echo"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static String tlsProxy(String path) {
        return "https://127.0.0.1:" + t.gateway.proxyTlsPort() + path;
    }

    @Test
    void httpsClientReachesARouteAndTheUpstreamSeesHttps() throws Exception {
        HttpResponse<String> res = https.send(HttpRequest.newBuilder(URI.create(tlsProxy("/tls-echo/more"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode echo = json(expect(200, res));
        assertThat(echo.get("path").asText()).isEqualTo("/echo/x/more");
        assertThat(echo.get("headers").get("x-forwarded-proto").asText()).isEqualTo("https");
        assertThat(echo.get("headers").get("x-forwarded-port").asText()).isEqualTo(Integer.toString(t.gateway.proxyTlsPort()));
        // The plain listener keeps answering http.
        JsonNode plain = json(expect(200, t.get(t.proxy("/tls-echo"))));
        assertThat(plain.get("headers").get("x-forwarded-proto").asText()).isEqualTo("http");
    }

    @Test
    void theAdminUiListensForHttpsOnlyWhenGivenACertificate() throws Exception {
        String ui = "https://127.0.0.1:" + t.gateway.uiPort();
        HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(ui + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(https.send(HttpRequest.newBuilder(URI.create(ui + "/api/services")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> t.http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + t.gateway.uiPort() + "/")).GET().timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()))).isNotNull();
    }

    @Test
    void selfSignedUpstreamIsRefusedByDefault() {
        httpsUpstream("verify-default");
        HttpResponse<String> res = expect(502, t.get(t.proxy("/verify-default")));
        assertThat(json(res).get("message").asText()).isEqualTo("An invalid response was received from the upstream server");
    }

    @Test
    void caFileMakesTheUpstreamTrusted() {
        httpsUpstream("verify-ca", "ca_file=" + certPem);
        JsonNode echo = json(expect(200, t.get(t.proxy("/verify-ca"))));
        assertThat(echo.get("path").asText()).isEqualTo("/echo/x");
        assertThat(echo.get("headers").get("x-forwarded-proto").asText()).isEqualTo("https");
    }

    @Test
    void tlsVerifyFalseAcceptsAnyCertificate() {
        httpsUpstream("verify-off", "tls_verify=false");
        JsonNode echo = json(expect(200, t.get(t.proxy("/verify-off"))));
        assertThat(echo.get("path").asText()).isEqualTo("/echo/x");
    }

    @Test
    void missingCaFileIsRefusedByTheAdminApi() {
        JsonNode err = json(expect(400, t.postForm(t.admin("/services"), "name=no-ca",
                "url=https://127.0.0.1:1/", "ca_file=" + dir.resolve("missing.pem"))));
        assertThat(err.get("fields").get("ca_file").asText()).contains("missing.pem");
        expect(404, t.get(t.admin("/services/no-ca")));
    }

    /** A service on the gateway's own HTTPS listener (path /tls-echo) and a route /{name} to it. */
    private static void httpsUpstream(String name, String... settings) {
        List<String> fields = new java.util.ArrayList<>(List.of("name=" + name,
                "url=https://127.0.0.1:" + t.gateway.proxyTlsPort() + "/tls-echo"));
        fields.addAll(List.of(settings));
        expect(201, t.postForm(t.admin("/services"), fields.toArray(String[]::new)));
        expect(201, t.postForm(t.admin("/services/" + name + "/routes"), "paths[]=/" + name));
    }
}
