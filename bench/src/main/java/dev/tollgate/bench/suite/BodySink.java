package dev.tollgate.bench.suite;

import java.io.IOException;

/**
 * Where {@link HttpResponseReader} puts a response body, piece by piece, as the bytes come off
 * the socket: a stream's events can then be timed when they arrive, not when the body ends.
 */
@FunctionalInterface
interface BodySink {

    /** Throws the body away; a load generator only needs to know that it ended. */
    BodySink DISCARD = (bytes, offset, length) -> { };

    /** The next {@code length} body bytes; the array is reused once this returns. */
    void accept(byte[] bytes, int offset, int length) throws IOException;
}
