package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web pages cannot drive the Admin API: not by a cross-site POST (CSRF), not through a name
 * that resolves to the loopback address (DNS rebinding). curl and scripts, which send no
 * Origin, keep working. Requests are written by hand: Java's client will not send a foreign
 * Host header.
 */
class AdminOriginTest {
    private static final String SCRIPT = "{\"source\":\"export const name=\\\"csrf-js\\\"; export function access(ctx){}\"}";

    /** The status line's code and the body of one raw HTTP/1.1 exchange. */
    record Raw(int status, String body) {}

    static Raw send(int port, String method, String path, String headers, String body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\n" + headers + "Content-Length: " + b.length
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(b);
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.append((char) c);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Raw(Integer.parseInt(head.substring(9, 12)), new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    @Nested
    class WithoutAToken {
        @TempDir
        static Path dir;
        static TestGateway t;

        @BeforeAll
        static void start() {
            t = TestGateway.start("h2", dir, "--admin.allowed-origins=https://admin.example.com");
        }

        @AfterAll
        static void stop() {
            t.close();
        }

        private Raw admin(String method, String path, String headers, String body) throws IOException {
            return send(t.gateway.adminPort(), method, path, headers, body);
        }

        private boolean scriptCreated() {
            return json(expect(200, t.get(t.admin("/script-plugins")))).get("data").size() > 0;
        }

        @Test
        void theProbesCrossSitePostIsRefused() throws IOException {
            Raw r = admin("POST", "/script-plugins", "Host: attacker.example\r\nOrigin: http://attacker.example\r\n"
                    + "Content-Type: text/plain\r\n", SCRIPT);
            assertThat(r.status()).isEqualTo(403);
            assertThat(scriptCreated()).isFalse();
        }

        @Test
        void aForeignOriginIsRefusedEvenOnTheLoopbackName() throws IOException {
            Raw r = admin("POST", "/services", "Host: 127.0.0.1:" + t.gateway.adminPort()
                    + "\r\nOrigin: http://attacker.example\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                    "name=csrf&url=http://127.0.0.1:9/");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("Origin 'http://attacker.example' may not call the Admin API")
                    .contains("admin.allowed-origins");
            expect(404, t.get(t.admin("/services/csrf")));
        }

        @Test
        void aNullOriginIsRefused() throws IOException {
            assertThat(admin("POST", "/consumers", "Host: localhost\r\nOrigin: null\r\nContent-Type: application/json\r\n",
                    "{\"username\":\"x\"}").status()).isEqualTo(403);
        }

        @Test
        void aCrossSiteBrowserRequestWithoutOriginIsRefused() throws IOException {
            assertThat(admin("GET", "/consumers", "Host: localhost\r\nSec-Fetch-Site: cross-site\r\n", "").status())
                    .isEqualTo(403);
        }

        @Test
        void aReboundNameIsRefusedEvenWithoutOrigin() throws IOException {
            Raw r = admin("GET", "/consumers", "Host: rebound.attacker.example:" + t.gateway.adminPort() + "\r\n", "");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("Host 'rebound.attacker.example:").contains("admin.allowed-hosts");
        }

        @Test
        void curlAndScriptsWithoutOriginKeepWorking() throws IOException {
            assertThat(admin("GET", "/consumers", "Host: localhost:" + t.gateway.adminPort() + "\r\n", "").status()).isEqualTo(200);
            assertThat(admin("GET", "/consumers", "Host: 127.0.0.1\r\n", "").status()).isEqualTo(200);
            assertThat(admin("GET", "/consumers", "Host: [::1]:" + t.gateway.adminPort() + "\r\n", "").status()).isEqualTo(200);
            expect(200, t.get(t.admin("/consumers")));
        }

        @Test
        void theApisOwnOriginAndConfiguredOnesAreServed() throws IOException {
            String host = "127.0.0.1:" + t.gateway.adminPort();
            assertThat(admin("GET", "/consumers", "Host: " + host + "\r\nOrigin: http://" + host + "\r\n", "").status())
                    .isEqualTo(200);
            assertThat(admin("GET", "/consumers", "Host: " + host + "\r\nOrigin: https://Admin.Example.com\r\n"
                    + "Sec-Fetch-Site: cross-site\r\n", "").status()).isEqualTo(200);
        }
    }

    @Nested
    class WithAToken {
        @TempDir
        Path dir;

        @Test
        void namesAreNotCheckedUnlessListedButOriginsAre() throws IOException {
            try (TestGateway t = TestGateway.start("h2", dir, "--admin.token=s3cret-token-123")) {
                String auth = "Authorization: Bearer s3cret-token-123\r\n";
                assertThat(send(t.gateway.adminPort(), "GET", "/consumers", "Host: tollgate-admin.internal\r\n" + auth, "")
                        .status()).isEqualTo(200);
                assertThat(send(t.gateway.adminPort(), "GET", "/consumers", "Host: tollgate-admin.internal\r\n"
                        + "Origin: http://attacker.example\r\n" + auth, "").status()).isEqualTo(403);
            }
        }

        @Test
        void listedNamesAreEnforced() throws IOException {
            try (TestGateway t = TestGateway.start("h2", dir, "--admin.token=s3cret-token-123",
                    "--admin.allowed-hosts=tollgate-admin.internal")) {
                String auth = "Authorization: Bearer s3cret-token-123\r\n";
                assertThat(send(t.gateway.adminPort(), "GET", "/consumers", "Host: tollgate-admin.internal:8001\r\n" + auth, "")
                        .status()).isEqualTo(200);
                assertThat(send(t.gateway.adminPort(), "GET", "/consumers", "Host: other.internal\r\n" + auth, "")
                        .status()).isEqualTo(403);
            }
        }
    }
}
