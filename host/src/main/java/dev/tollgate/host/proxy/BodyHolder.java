package dev.tollgate.host.proxy;

import java.time.Duration;
import java.util.function.Supplier;

import io.helidon.webserver.http.ServerRequest;

/**
 * The client's body for one request: read into memory only when a plugin asks for it, and
 * then sent from memory; otherwise left to stream.
 */
final class BodyHolder implements Supplier<byte[]> {
    private final ServerRequest req;
    private final long max;
    private final Duration clientTimeout;
    private byte[] bytes;

    BodyHolder(ServerRequest req, long max, Duration clientTimeout) {
        this.req = req;
        this.max = max;
        this.clientTimeout = clientTimeout;
    }

    @Override
    public byte[] get() {
        if (bytes == null) {
            bytes = RequestBody.readAll(req, max, clientTimeout);
        }
        return bytes;
    }

    /** The body if a plugin had it read, else null. */
    byte[] readSoFar() {
        return bytes;
    }

    /** What goes upstream: a plugin's replacement, the body already read, or the client's stream. */
    RequestBody toSend(boolean buffering, byte[] replaced) {
        if (replaced != null) {
            return new RequestBody.Buffered(replaced);
        }
        if (bytes != null) {
            return bytes.length == 0 ? RequestBody.Empty.INSTANCE : new RequestBody.Buffered(bytes);
        }
        return RequestBody.of(req, buffering, max, clientTimeout);
    }
}
