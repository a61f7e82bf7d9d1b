package dev.tollgate.upstream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * Writes a request: its line, its headers, the framing the client chose ({@code Content-Length}
 * for a known length, chunked otherwise) and its body, checked against that framing. The
 * caller's own framing and connection headers are left out: two framings of one body are how
 * requests are smuggled.
 */
final class RequestWriter {
    /** Headers the client writes itself, or that belong to the client's own hop. */
    private static final Set<String> OWN = Set.of("content-length", "transfer-encoding", "connection", "keep-alive",
            "te", "upgrade", "expect", "proxy-connection", "trailer");
    private static final byte[] CRLF = {'\r', '\n'};

    private RequestWriter() {
    }

    /** A header the client writes itself; compared without folding the name's case (no copy per header). */
    private static boolean own(String name) {
        for (String o : OWN) {
            if (o.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    static void write(ByteOutput out, RequestHead head, RequestContent content, Address address) throws IOException {
        ascii(out, head.method());
        out.write(' ');
        ascii(out, head.target());
        ascii(out, " HTTP/1.1\r\n");
        boolean host = false;
        for (HeaderField f : head.headers()) {
            if (own(f.name())) {
                continue;
            }
            host |= f.is("host");
            field(out, f.name(), f.value());
        }
        if (!host) {
            field(out, "Host", address.hostHeader());
        }
        long length = content.length();
        if (length > 0) {
            field(out, "Content-Length", Long.toString(length));
        } else if (length < 0) {
            field(out, "Transfer-Encoding", "chunked");
        } else if (expectsBody(head.method())) {
            field(out, "Content-Length", "0");
        }
        out.write(CRLF);
        if (length > 0) {
            LengthOutput body = new LengthOutput(out, length);
            content.writeTo(body);
            body.finish();
        } else if (length < 0) {
            ChunkedOutput body = new ChunkedOutput(out);
            content.writeTo(body);
            body.finish();
        }
        out.flush();
    }

    private static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static void field(OutputStream out, String name, String value) throws IOException {
        checkLine(name);
        checkLine(value);
        ascii(out, name);
        out.write(':');
        out.write(' ');
        ascii(out, value);
        out.write(CRLF);
    }

    /** The last line of defence against header injection: callers check names and values where they are made. */
    private static void checkLine(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("request header: CR, LF or NUL in '" + s.substring(0, Math.min(40, s.length())) + "'");
            }
        }
    }

    /** Latin-1, as HTTP/1.1 heads are bytes: a character over 255 becomes '?'. */
    private static void ascii(OutputStream out, String s) throws IOException {
        if (out instanceof ByteOutput b) {
            b.latin1(s); // straight into the connection's buffer
            return;
        }
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            b[i] = c <= 0xff ? (byte) c : (byte) '?';
        }
        out.write(b);
    }

    /** A body of a declared length: more is refused, less is found when it ends. */
    private static final class LengthOutput extends OutputStream {
        private final OutputStream out;
        private final long length;
        private long written;

        LengthOutput(OutputStream out, long length) {
            this.out = out;
            this.length = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > length) {
                throw new IOException("the request body is longer than its Content-Length of " + length);
            }
            out.write(b, off, len);
            written += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        void finish() throws IOException {
            if (written != length) {
                throw new IOException("the request body ended after " + written + " of its " + length + " bytes");
            }
        }
    }

    /** A body of unknown length, one chunk per write. */
    private static final class ChunkedOutput extends OutputStream {
        private final OutputStream out;

        ChunkedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return; // a zero-length chunk would end the body
            }
            ascii(out, Integer.toHexString(len));
            out.write(CRLF);
            out.write(b, off, len);
            out.write(CRLF);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        void finish() throws IOException {
            out.write(new byte[] {'0', '\r', '\n', '\r', '\n'});
        }
    }
}
