package dev.tollgate.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * An upstream's answer on its connection. The connection goes back to the pool only if the body
 * was read to the end its framing declares, the upstream did not ask to close it, and nothing
 * more than the answer arrived; however the exchange stops early — the client left, a read
 * timed out, a plugin failed — {@link #close()} closes it, so the next request, maybe another
 * user's, can never read what is left of this one.
 */
public final class UpstreamExchange implements AutoCloseable {
    private final UpstreamClient client;
    private final Connection connection;
    private final ResponseHead head;
    private final boolean keepAlive;
    private final ResponseBody framed;
    private final InputStream body;
    private final long declaredLength;
    private boolean closed;

    private UpstreamExchange(UpstreamClient client, Connection connection, ResponseHead head, String method,
                             boolean reusable) throws UpstreamProtocolException {
        this.client = client;
        this.connection = connection;
        this.head = head;
        List<String> te = head.tokens("transfer-encoding");
        List<String> cl = head.tokens("content-length");
        boolean keep = reusable && !head.http10() && !head.tokens("connection").contains("close");
        Runnable onEnd = () -> { };
        if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
            framed = new ResponseBody.Empty(connection.in, onEnd);
        } else if (!te.isEmpty()) {
            if (!cl.isEmpty()) {
                throw new UpstreamProtocolException("the upstream framed its answer twice (Content-Length and "
                        + "Transfer-Encoding): refused, as a response-splitting risk");
            }
            if (!te.equals(List.of("chunked"))) {
                throw new UpstreamProtocolException("the upstream's transfer coding '" + String.join(", ", te)
                        + "' is not supported (expected: chunked)");
            }
            framed = new ResponseBody.Chunked(connection.in, onEnd);
        } else if (!cl.isEmpty()) {
            framed = new ResponseBody.Length(connection.in, length(cl), onEnd);
        } else {
            keep = false; // the close ends the body
            framed = new ResponseBody.UntilClose(connection.in, onEnd);
        }
        this.keepAlive = keep;
        this.declaredLength = te.isEmpty() ? declared(cl) : -1;
        this.body = new FilterInputStream(framed) {
            @Override
            public void close() {
                UpstreamExchange.this.close();
            }
        };
    }

    /** {@code reusable}: false when the connection must close after this answer, however it ends. */
    static UpstreamExchange of(UpstreamClient client, Connection connection, ResponseHead head, String method,
                               boolean reusable) throws UpstreamProtocolException {
        return new UpstreamExchange(client, connection, head, method, reusable);
    }

    /** One length, however often it is given; anything else is no length at all. */
    private static long length(List<String> values) throws UpstreamProtocolException {
        String first = values.getFirst();
        for (String v : values) {
            if (!v.equals(first) || v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
                throw new UpstreamProtocolException("the upstream's Content-Length is not one length: " + values);
            }
        }
        return Long.parseLong(first);
    }

    /** The lengths given, when they are one length; -1 otherwise. */
    private static long declared(List<String> values) {
        try {
            return values.isEmpty() ? -1 : length(values);
        } catch (UpstreamProtocolException notOne) {
            return -1;
        }
    }

    /**
     * The one {@code Content-Length} the upstream declared (said twice or as a list, it is still
     * one), or -1 when it gave none or framed its body by chunks. For a HEAD request or a 304 it
     * is the length of the body that is not sent.
     */
    public long declaredLength() {
        return declaredLength;
    }

    public int status() {
        return head.status();
    }

    public String reason() {
        return head.reason();
    }

    /** The headers in the order they came, names as written. */
    public List<HeaderField> headers() {
        return head.headers();
    }

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        return head.first(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The body, as the upstream framed it; closing it closes this exchange. A connection that
     * fails or closes before the framed end throws {@link IOException}.
     */
    public InputStream body() {
        return body;
    }

    /** True when the body was read to its framed end (or there was none). */
    public boolean whole() {
        return framed.ended();
    }

    /**
     * Gives the connection back when the exchange ended cleanly, else closes it. Closing first
     * means nothing waits on a stalled upstream.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (framed.ended() && keepAlive && connection.nothingBuffered()) {
            client.release(connection);
            return;
        }
        connection.close();
        if (framed.ended() && keepAlive) {
            client.oversent(connection.address); // more arrived than the answer framed
        }
    }
}
