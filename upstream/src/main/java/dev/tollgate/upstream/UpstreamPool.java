package dev.tollgate.upstream;

import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;

/**
 * Keep-alive connections to upstreams, kept by the gateway rather than by Helidon's client, so
 * that every exchange holds its connection from the first byte it writes to the last it reads
 * and can close it whenever the exchange does not end cleanly. Helidon's own cache leaves a
 * connection neither closed nor pooled when writing a request body fails (a client whose chunked
 * body turns out malformed, say): its socket, and the upstream's half-sent request, stayed open
 * until the garbage collector found them.
 *
 * <p>Connections are made with the client's settings (connect timeout, socket options, TLS) and
 * kept per scheme, host and port, most recently used first. An idle connection is watched for the
 * upstream closing it, as Helidon's cache does, and dropped when it has.
 */
public final class UpstreamPool implements AutoCloseable {
    /** Idle connections kept per upstream address; more are closed when released. */
    public static final int MAX_IDLE_PER_ADDRESS = 256;
    private static final List<String> ALPN = List.of("http/1.1");
    private static final Tls NO_TLS = Tls.builder().enabled(false).build();

    private final WebClient client;
    private final ConcurrentHashMap<Address, Idle> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Address(String scheme, String host, int port) {}

    /** One address's idle connections; the count avoids an O(n) size() on the deque. */
    private static final class Idle {
        final Deque<TcpClientConnection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger count = new AtomicInteger();
    }

    private UpstreamPool(WebClient client) {
        this.client = client;
    }

    /** A pool making connections with {@code client}'s settings; the client must be built with {@link UpstreamResponse#install}. */
    public static UpstreamPool create(WebClient client) {
        return new UpstreamPool(client);
    }

    /**
     * Sends on a pooled (or new) connection to {@code scheme://host:port}: {@code request} gets the
     * connection to set on its request ({@code HttpClientRequest.connection(c)}) and sends it.
     * Connecting, writing or reading the head fails with the client's exception, the connection
     * closed.
     */
    public UpstreamResponse send(String scheme, String host, int port, Function<ClientConnection, HttpClientResponse> request) {
        TcpClientConnection connection = acquire(new Address(scheme.toLowerCase(Locale.ROOT), host, port));
        return UpstreamResponse.send(connection, () -> request.apply(connection));
    }

    /** Idle connections kept now, over all addresses. */
    public int idleConnections() {
        return idle.values().stream().mapToInt(i -> i.count.get()).sum();
    }

    private TcpClientConnection acquire(Address address) {
        if (closed) {
            throw new IllegalStateException("the upstream pool is closed");
        }
        Idle pool = idle.computeIfAbsent(address, a -> new Idle());
        TcpClientConnection c;
        while ((c = pool.connections.pollFirst()) != null) {
            pool.count.decrementAndGet();
            if (c.isConnected()) {
                return c;
            }
            c.closeResource(); // the upstream closed it while it was idle
        }
        Tls tls = "https".equals(address.scheme()) ? client.prototype().tls() : NO_TLS;
        ConnectionKey key = ConnectionKey.create(address.scheme(), address.host(), address.port(), tls,
                client.prototype().dnsResolver(), client.prototype().dnsAddressLookup(), Proxy.noProxy());
        return TcpClientConnection.create(client, key, ALPN, conn -> release(pool, conn), conn -> { }).connect();
    }

    /** Called by the connection when its response was read to its end: true when it is kept. */
    private boolean release(Idle pool, TcpClientConnection c) {
        if (closed || !c.isConnected()) {
            return false;
        }
        if (pool.count.incrementAndGet() > MAX_IDLE_PER_ADDRESS) {
            pool.count.decrementAndGet();
            return false;
        }
        // Before it is offered: another exchange may take it at once, and must find it watched.
        c.helidonSocket().idle();
        pool.connections.offerFirst(c);
        if (closed) {
            evict(pool);
        }
        return true;
    }

    private static void evict(Idle pool) {
        TcpClientConnection c;
        while ((c = pool.connections.pollFirst()) != null) {
            pool.count.decrementAndGet();
            c.closeResource();
        }
    }

    /** Closes the idle connections; those in use are closed when their exchange ends. */
    @Override
    public void close() {
        closed = true;
        idle.values().forEach(UpstreamPool::evict);
    }
}
