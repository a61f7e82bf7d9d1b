package dev.tollgate.upstream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered output without locks, which also writes strings as Latin-1 bytes straight into its
 * buffer: a request head is many small writes ({@link java.io.BufferedOutputStream} locks on
 * each). One connection is written by one thread at a time.
 */
final class ByteOutput extends OutputStream {
    private final OutputStream sink;
    private final byte[] buf;
    private int pos;

    ByteOutput(OutputStream sink, int size) {
        this.sink = sink;
        this.buf = new byte[size];
    }

    @Override
    public void write(int b) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len >= buf.length) {
            drain();
            sink.write(b, off, len); // too big to buffer: straight through
            return;
        }
        if (len > buf.length - pos) {
            drain();
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** {@code s} as Latin-1, as HTTP/1.1 heads are bytes: a character over 255 becomes '?'. */
    void latin1(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            if (pos == buf.length) {
                drain();
            }
            char c = s.charAt(i);
            buf[pos++] = c <= 0xff ? (byte) c : (byte) '?';
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            sink.close();
        }
    }

    private void drain() throws IOException {
        if (pos > 0) {
            int n = pos;
            pos = 0; // a failed write loses the bytes, as the connection is closed after it anyway
            sink.write(buf, 0, n);
        }
    }
}
