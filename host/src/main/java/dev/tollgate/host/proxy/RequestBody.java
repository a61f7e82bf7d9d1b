package dev.tollgate.host.proxy;

import dev.tollgate.sdk.RequestBodyTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

import dev.tollgate.host.plugins.UnreadableBodyException;
import dev.tollgate.upstream.RequestContent;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * The client's request body on its way upstream: small bodies are held in memory (so a
 * failed attempt can be repeated), larger or chunked ones stream through, bounded by
 * {@code proxy.max-body-size} as they go.
 */
sealed interface RequestBody {
    /** Bodies up to this size are buffered when the route allows it: a chat request fits easily. */
    int BUFFER_LIMIT = 64 * 1024;

    /**
     * The body as the upstream client writes it. {@code writeTimeout} bounds each write of a body
     * over {@link #BUFFER_LIMIT}; a smaller one fits the socket's send buffer and never waits on
     * the upstream.
     */
    RequestContent content(Duration writeTimeout);

    /** True while another attempt can send the same body again. */
    boolean replayable();

    /**
     * Buffers or streams, by the route's {@code request_buffering} and the declared length.
     *
     * @throws RequestBodyTooLargeException when the body is over {@code max}
     */
    static RequestBody of(ServerRequest req, boolean buffering, long max, Duration clientTimeout) {
        if (!hasBody(req)) {
            return Empty.INSTANCE;
        }
        long declared = req.headers().contentLength().orElse(-1);
        if (buffering && declared > 0 && declared <= BUFFER_LIMIT) {
            return new Buffered(read(clientBody(req, clientTimeout), max));
        }
        return new Streamed(req, max, clientTimeout);
    }

    /** The whole body, read into memory (a plugin asked for it). */
    static byte[] readAll(ServerRequest req, long max, Duration clientTimeout) {
        if (!hasBody(req)) {
            return new byte[0];
        }
        return read(clientBody(req, clientTimeout), max);
    }

    /**
     * Whether the client sends a body: a length above 0, or chunked framing over HTTP/1.1; over
     * HTTP/2 a body needs no header at all (its DATA frames are the body), so a stream that did
     * not end with its headers has one.
     */
    static boolean hasBody(ServerRequest req) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared >= 0) {
            return declared > 0;
        }
        return req.headers().contains(HeaderNames.TRANSFER_ENCODING) || req.content().hasEntity();
    }

    private static byte[] read(InputStream in, long max) {
        try (in) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (data.length > max) {
                throw new RequestBodyTooLargeException();
            }
            return data;
        } catch (IOException e) {
            throw new UnreadableBodyException(e);
        }
    }

    /**
     * The client's body, whose read failures — malformed chunked framing, a client gone
     * mid-upload, one that stalls past {@code timeout} — are the client's
     * ({@link UnreadableBodyException}), never taken for the upstream's when they surface inside
     * an upstream call.
     */
    static InputStream clientBody(ServerRequest req, Duration timeout) {
        return new FilterInputStream(IoTimeout.reads(req.content().inputStream(), timeout)) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            private boolean failed;

            @Override
            public int read(byte[] b, int off, int len) {
                try {
                    return in.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    failed = true;
                    throw clientFault(e);
                }
            }

            @Override
            public void close() {
                if (failed) {
                    return; // Helidon's close would go on reading a body whose framing is already broken
                }
                try {
                    in.close();
                } catch (IOException | RuntimeException e) {
                    throw clientFault(e);
                }
            }
        };
    }

    private static RuntimeException clientFault(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof io.helidon.http.RequestException re && re.status() == Status.REQUEST_ENTITY_TOO_LARGE_413) {
                return new RequestBodyTooLargeException();
            }
        }
        return new UnreadableBodyException(e);
    }

    /** No body at all: GET, DELETE, an empty POST. */
    enum Empty implements RequestBody {
        INSTANCE;

        @Override
        public RequestContent content(Duration writeTimeout) {
            return RequestContent.NONE;
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /** Held in memory; any number of attempts can send it. */
    record Buffered(byte[] bytes) implements RequestBody {
        @Override
        public RequestContent content(Duration writeTimeout) {
            if (bytes.length <= BUFFER_LIMIT) {
                return RequestContent.of(bytes); // fits the socket's send buffer: never waits on the upstream
            }
            return new RequestContent() {
                @Override
                public long length() {
                    return bytes.length;
                }

                @Override
                public void writeTo(OutputStream raw) throws IOException {
                    OutputStream out = IoTimeout.writes(raw, writeTimeout);
                    out.write(bytes);
                    out.flush();
                }

                @Override
                public boolean replayable() {
                    return true;
                }
            };
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /** Read from the client while it is written upstream; replayable until the first byte is read. */
    final class Streamed implements RequestBody {
        private final ServerRequest req;
        private final long max;
        private final Duration clientTimeout;
        private volatile boolean started;

        Streamed(ServerRequest req, long max, Duration clientTimeout) {
            this.req = req;
            this.max = max;
            this.clientTimeout = clientTimeout;
        }

        @Override
        public RequestContent content(Duration writeTimeout) {
            long declared = req.headers().contentLength().orElse(-1);
            return new RequestContent() {
                @Override
                public long length() {
                    return declared > 0 ? declared : -1; // chunked when the client's length is not known
                }

                @Override
                public void writeTo(OutputStream raw) throws IOException {
                    started = true;
                    OutputStream out = IoTimeout.writes(raw, writeTimeout);
                    try (InputStream in = new Bounded(clientBody(req, clientTimeout), max)) {
                        in.transferTo(out);
                    }
                    out.flush();
                }

                @Override
                public boolean replayable() {
                    return Streamed.this.replayable();
                }
            };
        }

        @Override
        public boolean replayable() {
            // The client upload is consumed as it is sent: once begun, it cannot be sent again.
            return !started;
        }
    }

    /** Fails once more than {@code max} bytes went through. */
    final class Bounded extends FilterInputStream {
        private final long max;
        private long count;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > max) {
                throw new RequestBodyTooLargeException();
            }
        }
    }
}
