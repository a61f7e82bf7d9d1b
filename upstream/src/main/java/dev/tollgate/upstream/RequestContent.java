package dev.tollgate.upstream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request's body: its length (0 for none, -1 when unknown: it goes chunked), how to write it,
 * and whether it can be written again should a first attempt fail before the upstream read it.
 */
public interface RequestContent {
    /** No body. */
    RequestContent NONE = new RequestContent() {
        @Override
        public long length() {
            return 0;
        }

        @Override
        public void writeTo(OutputStream out) {
        }

        @Override
        public boolean replayable() {
            return true;
        }
    };

    /** The length in bytes, or -1 when it is not known (the body is sent chunked). */
    long length();

    /** Writes the body; the client frames what is written (and checks it against {@link #length()}). */
    void writeTo(OutputStream out) throws IOException;

    /** True while the body could be written again. */
    boolean replayable();

    /** A body held in memory. */
    static RequestContent of(byte[] bytes) {
        return new RequestContent() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }

            @Override
            public boolean replayable() {
                return true;
            }
        };
    }
}
