package dev.tollgate.upstream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body read by its framing, telling its exchange when the framed end is reached (so
 * the connection may be used again) and failing when the upstream closes before it.
 */
abstract class ResponseBody extends InputStream {
    private static final int MAX_CHUNK_LINE = 4096;
    private static final int MAX_TRAILERS = 16 * 1024;

    final InputStream in;
    private final Runnable onEnd;
    private boolean ended;

    ResponseBody(InputStream in, Runnable onEnd) {
        this.in = in;
        this.onEnd = onEnd;
    }

    final int end() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
        return -1;
    }

    final boolean ended() {
        return ended;
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** No body: a response to HEAD, a 204 or a 304. */
    static final class Empty extends ResponseBody {
        Empty(InputStream in, Runnable onEnd) {
            super(in, onEnd);
            end();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return -1;
        }
    }

    /** {@code Content-Length} bytes. */
    static final class Length extends ResponseBody {
        private final long length;
        private long left;

        Length(InputStream in, long length, Runnable onEnd) {
            super(in, onEnd);
            this.length = length;
            this.left = length;
            if (length == 0) {
                end();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return end();
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the upstream closed the connection after " + (length - left) + " of " + length + " bytes");
            }
            left -= n;
            if (left == 0) {
                end();
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(left, in.available());
        }
    }

    /** Until the upstream closes the connection (which then is never used again). */
    static final class UntilClose extends ResponseBody {
        UntilClose(InputStream in, Runnable onEnd) {
            super(in, onEnd);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended()) {
                return -1;
            }
            int n = in.read(b, off, len);
            return n < 0 ? end() : n;
        }

        @Override
        public int available() throws IOException {
            return ended() ? 0 : in.available();
        }
    }

    /** {@code Transfer-Encoding: chunked}, read strictly: hex sizes, CRLF after each chunk, bounded trailers. */
    static final class Chunked extends ResponseBody {
        private long left; // of the current chunk; 0 between chunks

        Chunked(InputStream in, Runnable onEnd) {
            super(in, onEnd);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended()) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (left == 0) {
                left = size();
                if (left == 0) {
                    trailers();
                    return end();
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the upstream closed the connection inside a chunk");
            }
            left -= n;
            if (left == 0) {
                crlf();
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return ended() || left == 0 ? 0 : (int) Math.min(left, in.available());
        }

        private long size() throws IOException {
            String line = line(MAX_CHUNK_LINE);
            int i = 0;
            long size = 0;
            while (i < line.length() && Character.digit(line.charAt(i), 16) >= 0) {
                if (i == 15) {
                    throw new UpstreamProtocolException("the upstream's chunk size is too large: '" + cut(line) + "'");
                }
                size = size * 16 + Character.digit(line.charAt(i), 16);
                i++;
            }
            if (i == 0) {
                throw new UpstreamProtocolException("the upstream's chunk size is not hexadecimal: '" + cut(line) + "'");
            }
            String rest = line.substring(i).stripLeading();
            if (!rest.isEmpty() && rest.charAt(0) != ';') {
                throw new UpstreamProtocolException("the upstream's chunk size line is malformed: '" + cut(line) + "'");
            }
            return size;
        }

        private void crlf() throws IOException {
            if (in.read() != '\r' || in.read() != '\n') {
                throw new UpstreamProtocolException("the upstream's chunk does not end with CRLF");
            }
        }

        private void trailers() throws IOException {
            int budget = MAX_TRAILERS;
            String line;
            while (!(line = line(MAX_CHUNK_LINE)).isEmpty()) {
                budget -= line.length() + 2;
                if (budget < 0) {
                    throw new UpstreamProtocolException("the upstream's trailers are over " + MAX_TRAILERS + " bytes");
                }
            }
        }

        /** A line ended by CRLF (a bare LF or CR is refused). */
        private String line(int max) throws IOException {
            StringBuilder b = new StringBuilder(16);
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException("the upstream closed the connection inside a chunked body");
                }
                if (c == '\r') {
                    if (in.read() != '\n') {
                        throw new UpstreamProtocolException("the upstream sent a bare CR in a chunked body");
                    }
                    return b.toString();
                }
                if (c == '\n') {
                    throw new UpstreamProtocolException("the upstream sent a bare LF in a chunked body");
                }
                if (b.length() == max) {
                    throw new UpstreamProtocolException("the upstream's chunk line is over " + max + " bytes");
                }
                b.append((char) c);
            }
        }

        private static String cut(String s) {
            return (s.length() > 40 ? s.substring(0, 40) + "…" : s).replaceAll("\\p{Cntrl}", "?");
        }
    }
}
