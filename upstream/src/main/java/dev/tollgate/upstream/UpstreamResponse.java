package dev.tollgate.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClientConfig;
import io.helidon.webclient.api.WebClientServiceRequest;
import io.helidon.webclient.api.WebClientServiceResponse;
import io.helidon.webclient.spi.WebClientService;

/**
 * An upstream's response whose connection goes back to the pool only if its body was read to
 * its framed end. However the exchange stops early — the client left, a read timed out, a
 * plugin failed, the body was close-delimited, the upstream sent more than its response —
 * {@link #close()} closes the connection, so the next request, maybe another user's, can never
 * read what is left of this one.
 *
 * <p>Helidon's client alone would return a connection whose close-delimited body was cut short
 * to its pool. Exchanges are sent through an {@link UpstreamPool}, whose client must be built
 * with {@link #install}.
 */
public final class UpstreamResponse implements AutoCloseable {
    private static final ScopedValue<UpstreamResponse> SENDING = ScopedValue.newInstance();
    private static final WebClientService CAPTURE = UpstreamResponse::capture;

    private HttpClientResponse response;
    private ClientConnection connection;
    private FramedBody framed;
    private InputStream body;
    private boolean captured;
    private boolean closed;

    private UpstreamResponse() {
    }

    /** Registers the service that hands each response's framed body to the exchange that sent it. */
    public static void install(WebClientConfig.Builder client) {
        client.addService(CAPTURE);
    }

    /**
     * Sends a request on {@code connection}, which the request was given
     * ({@code HttpClientRequest.connection(c)}), e.g. {@code () -> request.submit(bytes)}, on a
     * client built with {@link #install}. If sending fails the connection is closed; otherwise
     * close the answer (or its {@link #body()}) when done. {@link UpstreamPool#send} does this.
     */
    static UpstreamResponse send(ClientConnection connection, Supplier<HttpClientResponse> request) {
        UpstreamResponse r = new UpstreamResponse();
        r.connection = connection;
        try {
            r.response = ScopedValue.where(SENDING, r).call(request::get);
        } catch (RuntimeException e) {
            // Whatever was written of the request (a body cut short, say) must never be followed by another.
            connection.closeResource();
            throw e;
        }
        if (!r.captured) {
            r.closed = true;
            connection.closeResource();
            throw new IllegalStateException("the upstream client was built without UpstreamResponse.install");
        }
        return r;
    }

    private static WebClientServiceResponse capture(WebClientService.Chain chain,
                                                    WebClientServiceRequest request) {
        WebClientServiceResponse res = chain.proceed(request);
        if (!SENDING.isBound()) {
            return res;
        }
        UpstreamResponse exchange = SENDING.get();
        exchange.captured = true;
        if (res.inputStream().isEmpty()) {
            return res;
        }
        FramedBody.Framing framing = FramedBody.Framing.of(request.method().text(), res.status().code(), res.headers());
        long length = framing == FramedBody.Framing.LENGTH ? res.headers().contentLength().orElseThrow() : -1;
        exchange.framed = new FramedBody(res.inputStream().get(), framing, length, exchange.connection);
        return WebClientServiceResponse.builder().from(res).inputStream(exchange.framed).build();
    }

    public Status status() {
        return response.status();
    }

    public ClientResponseHeaders headers() {
        return response.headers();
    }

    /**
     * The body; closing it closes this response. Read it to its end to keep the connection. A
     * connection that fails or ends before the framed end throws {@link IOException}.
     */
    public InputStream body() {
        if (body == null) {
            body = new FilterInputStream(response.inputStream()) {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (UncheckedIOException e) {
                        throw e.getCause(); // Helidon's entity stream wraps what the connection threw
                    }
                }

                @Override
                public void close() {
                    UpstreamResponse.this.close();
                }
            };
        }
        return body;
    }

    /** True when the body was read to its framed end (or there was none). */
    public boolean whole() {
        return framed == null || framed.whole();
    }

    /**
     * Closes the connection unless the body was read to its framed end, then releases the
     * response. The connection is closed first, so nothing waits on a stalled upstream.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!whole()) {
            connection.closeResource();
        }
        try {
            response.close();
        } catch (RuntimeException e) {
            // the connection was closed above: nothing left to release
        }
    }
}
