package dev.tollgate.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

    private static final String LENGTH = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
    private static final String CHUNKED = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nwiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\nX-Sum: 1\r\n\r\n";

    @Test
    void readsLengthAndChunkedBodiesOneAfterAnotherOnOneConnection() throws IOException {
        HttpResponseReader reader = new HttpResponseReader(stream(LENGTH + CHUNKED + LENGTH));

        assertThat(read(reader)).isEqualTo("200 keep-alive hello");
        assertThat(read(reader)).isEqualTo("201 keep-alive wikipedia in\r\n\r\nchunks.");
        assertThat(read(reader)).isEqualTo("200 keep-alive hello");
    }

    @Test
    void readsTheSameWhenTheBytesComeOneAtATime() throws IOException {
        HttpResponseReader reader = new HttpResponseReader(trickle(CHUNKED + LENGTH), 7);

        assertThat(read(reader)).isEqualTo("201 keep-alive wikipedia in\r\n\r\nchunks.");
        assertThat(read(reader)).isEqualTo("200 keep-alive hello");
    }

    @Test
    void knowsWhenTheConnectionEnds() throws IOException {
        assertThat(read(new HttpResponseReader(stream(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")))).isEqualTo("200 close ok");
        assertThat(read(new HttpResponseReader(stream(
                "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")))).isEqualTo("200 close ok");
        assertThat(read(new HttpResponseReader(stream(
                "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok"))))
                .isEqualTo("200 keep-alive ok");
        // Neither length nor chunking: the body runs to the end of the connection.
        assertThat(read(new HttpResponseReader(stream("HTTP/1.1 200 OK\r\n\r\nall of it"))))
                .isEqualTo("200 close all of it");
    }

    @Test
    void skipsInterimAnswersAndReadsNoBodyWhereThereIsNone() throws IOException {
        HttpResponseReader reader = new HttpResponseReader(stream(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n" + LENGTH));

        assertThat(read(reader)).isEqualTo("204 keep-alive ");
        assertThat(read(reader)).isEqualTo("200 keep-alive hello");
    }

    @Test
    void failsOnACutOrMalformedResponse() {
        assertThatThrownBy(() -> read(new HttpResponseReader(stream(LENGTH.substring(0, LENGTH.length() - 2)))))
                .isInstanceOf(EOFException.class).hasMessageContaining("3 of 5 bytes");
        assertThatThrownBy(() -> read(new HttpResponseReader(stream(CHUNKED.substring(0, 80)))))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read(new HttpResponseReader(stream(""))))
                .isInstanceOf(EOFException.class).hasMessageContaining("status line");
        assertThatThrownBy(() -> read(new HttpResponseReader(stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("chunk size");
        assertThatThrownBy(() -> read(new HttpResponseReader(stream("SSH-2.0-OpenSSH\r\n\r\n"))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("status line");
    }

    private static String read(HttpResponseReader reader) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpResponseReader.Response response = reader.read(body::write);
        return response.status() + (response.keepAlive() ? " keep-alive " : " close ")
                + body.toString(StandardCharsets.UTF_8);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Hands out one byte per read, as a slow network might. */
    private static InputStream trickle(String text) {
        InputStream bytes = stream(text);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : bytes.read(b, off, 1);
            }
        };
    }
}
