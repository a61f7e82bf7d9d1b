package dev.tollgate.upstream;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input without locks. {@link java.io.BufferedInputStream} takes a lock on every
 * call, and a response head is read a byte at a time: on the plain proxy that was a tenth of the
 * gateway's CPU (JFR, bench scenario 3). One connection is read by one thread at a time.
 */
final class ByteInput extends InputStream {
    private final InputStream source;
    private final byte[] buf;
    private int pos;
    private int limit;

    ByteInput(InputStream source, int size) {
        this.source = source;
        this.buf = new byte[size];
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            if (len >= buf.length) {
                return source.read(b, off, len); // nothing buffered and a big read: no copy
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Bytes buffered here and waiting in the source, as {@link java.io.BufferedInputStream} counts them. */
    @Override
    public int available() throws IOException {
        int here = limit - pos;
        int there = source.available();
        return here > Integer.MAX_VALUE - there ? Integer.MAX_VALUE : here + there;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private boolean fill() throws IOException {
        int n = source.read(buf, 0, buf.length);
        if (n <= 0) {
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
