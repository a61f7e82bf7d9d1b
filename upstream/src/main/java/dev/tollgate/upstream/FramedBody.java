package dev.tollgate.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientConnection;

/**
 * One response body as it comes off its connection, knowing where its framing says it ends
 * (RFC 9112 §6.3). It sits between the connection and Helidon's entity stream, so it sees the
 * end before Helidon hands the connection back to its pool, and it closes the connection there
 * when the end leaves nothing reusable: a close-delimited body, or bytes past the response.
 */
final class FramedBody extends InputStream {
    /** How the body's end is known. */
    enum Framing {
        /** No body at all: a response to HEAD, or a 1xx, 204 or 304. */
        NONE,
        LENGTH,
        CHUNKED,
        /** Ends when the upstream closes the connection, which can then never be reused. */
        UNTIL_CLOSE;

        static Framing of(String method, int status, ClientResponseHeaders headers) {
            if ("HEAD".equals(method) || status < 200 || status == 204 || status == 304) {
                return NONE;
            }
            if (headers.contains(HeaderNames.TRANSFER_ENCODING)) {
                String codings = headers.get(HeaderNames.TRANSFER_ENCODING).allValues().getLast();
                return codings.toLowerCase(Locale.ROOT).strip().endsWith("chunked") ? CHUNKED : UNTIL_CLOSE;
            }
            return headers.contentLength().isPresent() ? LENGTH : UNTIL_CLOSE;
        }
    }

    private final InputStream in;
    private final Framing framing;
    private final long length;
    private final ClientConnection connection;
    private long count;
    private boolean ended;
    private volatile boolean whole;

    /** {@code connection}: null when the client did not say which one (the body is then only tracked). */
    FramedBody(InputStream in, Framing framing, long length, ClientConnection connection) {
        this.in = in;
        this.framing = framing;
        this.length = length;
        this.connection = connection;
        if (framing == Framing.NONE || framing == Framing.LENGTH && length == 0) {
            end();
        }
    }

    /** True once the body was read to the end its framing declares (for a close-delimited one, the close). */
    boolean whole() {
        return whole;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int want = framing == Framing.LENGTH ? (int) Math.min(len, length - count) : len;
        int n;
        try {
            n = in.read(b, off, want);
        } catch (DataReader.InsufficientDataAvailableException closed) {
            if (framing != Framing.UNTIL_CLOSE) {
                throw new IOException(prematureEnd(), closed);
            }
            n = -1; // the close is how this body ends
        }
        if (n < 0) {
            if (framing == Framing.LENGTH) {
                throw new IOException(prematureEnd());
            }
            end();
            return -1;
        }
        count += n;
        if (framing == Framing.LENGTH && count == length) {
            end();
        }
        return n;
    }

    private String prematureEnd() {
        return "the upstream closed the connection "
                + (framing == Framing.LENGTH ? "after " + count + " of " + length + " bytes" : "inside a chunked body");
    }

    /** The framed end: the connection stays only if it ended cleanly and holds nothing more. */
    private void end() {
        ended = true;
        whole = true;
        if (connection != null && (framing == Framing.UNTIL_CLOSE || leftOver())) {
            connection.closeResource();
        }
    }

    /** Bytes already received past this response: an upstream answering more than it was asked. */
    private boolean leftOver() {
        try {
            return connection.isConnected() && connection.reader().available() > 0;
        } catch (RuntimeException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
