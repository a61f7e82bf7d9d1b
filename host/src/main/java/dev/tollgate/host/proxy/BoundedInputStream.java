package dev.tollgate.host.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a stream through and fails once more than {@code max} bytes were read. */
final class BoundedInputStream extends FilterInputStream {
    private final long max;
    private long count;

    BoundedInputStream(InputStream in, long max) {
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
            throw new ProxyHandler.BodyTooLargeException();
        }
    }
}
