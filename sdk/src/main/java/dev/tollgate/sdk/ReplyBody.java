package dev.tollgate.sdk;

import java.io.IOException;
import java.util.Optional;

/**
 * A reply's body, pulled chunk by chunk by the gateway, which sends (and flushes) each chunk as
 * it gets it: a stream's events reach the client as they are produced. Not called concurrently.
 *
 * @since 0.1.0
 */
@Experimental
public interface ReplyBody extends AutoCloseable {

    /**
     * The next chunk, or empty at the end. An {@link IOException} (an upstream dropped mid-stream)
     * ends the response: before the first chunk the client gets a 502, after it the connection is
     * cut, as for any upstream.
     */
    Optional<byte[]> next() throws IOException;

    /** Releases the upstream connection; called once, whether or not the body was read to its end. */
    @Override
    default void close() {
    }

    /** A body of one chunk. */
    static ReplyBody of(byte[] whole) {
        return new ReplyBody() {
            private boolean sent;

            @Override
            public Optional<byte[]> next() {
                if (sent) {
                    return Optional.empty();
                }
                sent = true;
                return Optional.of(whole);
            }
        };
    }
}
