package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.upstream.RawUpstream.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import dev.tollgate.upstream.RawUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers whose framing headers say something about a body that is not there (a 204 with
 * {@code Content-Length: 0}, a 304 with the length of the 200 it stands for, a HEAD answer) or
 * say one length twice: the client gets the upstream's status with one framing, never a 500
 * from the gateway's own HTTP layer.
 */
class BodylessAnswerTest {
    private static final Map<String, String> ANSWERS = Map.of(
            "/204-cl0", "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
            "/204", "HTTP/1.1 204 No Content\r\n\r\n",
            "/205-cl0", "HTTP/1.1 205 Reset Content\r\nContent-Length: 0\r\n\r\n",
            "/304-cl10", "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nContent-Length: 10\r\n\r\n",
            "/304", "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n",
            "/cl-twice", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
            "/cl-list", "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok",
            "/head", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 27\r\n\r\n");

    @TempDir
    static Path dir;
    static TestGateway t;
    static RawUpstream upstream;

    @BeforeAll
    static void start() throws IOException {
        upstream = new RawUpstream((path, out) -> {
            write(out, ANSWERS.getOrDefault(path, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
            return true;
        });
        t = TestGateway.start("h2", dir);
        expect(201, t.postForm(t.admin("/services"), "name=raw", "url=http://127.0.0.1:" + upstream.port() + "/"));
        expect(201, t.postForm(t.admin("/services/raw/routes"), "paths[]=/raw"));
    }

    @AfterAll
    static void stop() throws IOException {
        t.close();
        upstream.close();
    }

    /** The raw answer's head, lower-cased, and whatever body arrived before the connection went quiet. */
    private static String[] exchange(String method, String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), t.gateway.proxyPort())) {
            s.setSoTimeout(3000);
            s.getOutputStream().write((method + " /raw" + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return new String[] {text.substring(0, end).toLowerCase(java.util.Locale.ROOT), text.substring(end + 4)};
        }
    }

    /** Helidon 4.5 writes {@code Content-Length: 0} on every empty answer: tolerated by clients, and the most it adds. */
    private static void noBodyAtMostAZeroLength(String[] answer) {
        assertThat(answer[0]).doesNotContain("transfer-encoding");
        assertThat(answer[0].replace("content-length: 0", "")).doesNotContain("content-length");
        assertThat(answer[1]).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"/204-cl0, 204", "/204, 204", "/205-cl0, 205", "/304-cl10, 304", "/304, 304"})
    void anAnswerWithoutBodyKeepsItsStatus(String path, int status) throws IOException {
        String[] answer = exchange("GET", path);
        assertThat(answer[0]).startsWith("http/1.1 " + status + " ");
        noBodyAtMostAZeroLength(answer);
    }

    @Test
    void aNotModifiedAnswerKeepsItsValidators() throws IOException {
        assertThat(exchange("GET", "/304-cl10")[0]).contains("etag: \"v1\"");
    }

    @ParameterizedTest
    @CsvSource({"/cl-twice", "/cl-list"})
    void oneLengthSaidTwiceBecomesOneLength(String path) throws IOException {
        String[] answer = exchange("GET", path);
        assertThat(answer[0]).startsWith("http/1.1 200");
        assertThat(answer[0].split("content-length", -1)).hasSize(2);
        assertThat(answer[0]).contains("content-length: 2");
        assertThat(answer[1]).isEqualTo("ok");
    }

    @Test
    void aHeadAnswerKeepsTheUpstreamsLength() throws IOException {
        String[] answer = exchange("HEAD", "/head");
        assertThat(answer[0]).startsWith("http/1.1 200").contains("content-length: 27");
        assertThat(answer[1]).isEmpty();
    }
}
