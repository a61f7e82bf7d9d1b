package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer to HEAD has no body, whoever makes it — the proxy's own errors, a plugin's exit, the
 * Admin API: on a keep-alive connection the next answer must start right after the head, or the
 * client (or a proxy in front, serving another user on that connection) reads the body as the
 * next answer. The head keeps the length the body would have had.
 */
class HeadRequestTest {
    @TempDir
    static Path dir;
    static TestGateway t;

    @BeforeAll
    static void start() {
        t = TestGateway.start("h2", dir);
        expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
        expect(201, t.postForm(t.admin("/services/echo/routes"), "name=guarded", "paths[]=/guarded"));
        expect(201, t.postForm(t.admin("/routes/guarded/plugins"), "name=key-auth"));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** The head of one answer, lower-cased, read byte by byte so that nothing after it is consumed. */
    private static String head(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed after: " + b);
            }
            b.append((char) c);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest
    @CsvSource({
            "proxy, /nothing-here, 404, 404",   // the proxy's own error
            "proxy, /guarded, 401, 401",        // a plugin's exit
            "proxy, /echo-nope, 404, 404",
            "admin, /services/nope, 405, 404",  // the Admin API serves GET, and answers HEAD with 405
            "admin, /status, 404, 200",
    })
    void theNextAnswerStartsRightAfterTheHead(String listener, String path, int status, int getStatus) throws IOException {
        int port = listener.equals("proxy") ? t.gateway.proxyPort() : t.gateway.adminPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = head(in);
            assertThat(head).startsWith("http/1.1 " + status);
            assertThat(head).containsPattern("content-length: [1-9]"); // the GET's length, without its bytes
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(head(in)).startsWith("http/1.1 " + getStatus);
        }
    }
}
