package dev.tollgate.upstream;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

/**
 * The gateway's HTTP/1.1 client to upstreams and providers: one per connection setting (connect
 * timeout, TLS trust), with a pool of keep-alive connections per {@link Address}.
 *
 * <p>Built for a proxy, where a connection must never carry one answer's leftovers into another
 * user's exchange:
 * <ul>
 *   <li>an exchange holds its connection from the first byte written to the last read, and the
 *       connection goes back to the pool only after a response read to its framed end
 *       ({@link UpstreamExchange}); any failure closes it;</li>
 *   <li>responses are read strictly: interim (1xx) responses are skipped, two framings
 *       ({@code Content-Length} and {@code Transfer-Encoding}) or any transfer coding but
 *       {@code chunked} are refused, HTTP/1.0 and {@code Connection: close} answers end their
 *       connection, and the head is bounded;</li>
 *   <li>a pooled connection is probed before it is used again: bytes that arrived while it was
 *       idle, or the upstream having closed it, rule it out; an upstream caught sending more
 *       than it framed gets a new connection for every request for a while, since bytes it
 *       sends after the probe could otherwise answer the next user's request;</li>
 *   <li>a request that fails on a reused connection before any answer arrived is sent again on
 *       a new one, when that cannot do it twice: its body can be replayed and either the request
 *       was not fully written or its method is idempotent;</li>
 *   <li>an upstream that answers before it read the whole request (a 413 for a large upload)
 *       and stops reading has its answer passed on, on a connection closed after it;</li>
 *   <li>idle connections are closed after the idle timeout ({@link #IDLE_TIMEOUT} by default),
 *       whether or not traffic goes on.</li>
 * </ul>
 * Failures are {@link UncheckedIOException}s whose cause says what happened
 * ({@link UpstreamConnectException} when nothing was sent, {@code SocketTimeoutException},
 * {@link UpstreamProtocolException}, …);
 * a {@link RequestContent} that throws a {@link RuntimeException} has it passed on as it is.
 */
public final class UpstreamClient implements AutoCloseable {
    /**
     * How long an upstream that sent more than it framed gets a new connection for every request;
     * doubled each time it is caught again after that, up to {@link #MAX_NO_REUSE}.
     */
    public static final Duration NO_REUSE_AFTER_OVERSEND = Duration.ofMinutes(5);
    /** The longest an upstream caught again and again goes without connection reuse. */
    public static final Duration MAX_NO_REUSE = Duration.ofHours(24);
    private static final System.Logger LOG = System.getLogger(UpstreamClient.class.getName());
    /** Idle connections kept per address; a connection released past it is closed. */
    public static final int MAX_IDLE_PER_ADDRESS = 256;
    /** How long a connection may sit idle before it is closed, by default. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");
    /** How long an answer the upstream sent before it stopped reading the request is waited for. */
    private static final Duration EARLY_ANSWER_WAIT = Duration.ofSeconds(1);
    /** One daemon thread closes idle connections for every client. */
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upstream-idle-sweeper");
        t.setDaemon(true);
        return t;
    });

    private final Duration connectTimeout;
    private final TlsSettings tls;
    private final long idleNanos;
    private final long noReuseNanos;
    private volatile SSLSocketFactory tlsFactory;
    private final ConcurrentHashMap<Address, Idle> idle = new ConcurrentHashMap<>();
    /** Upstreams caught sending bytes beyond their answers: until when they get no reuse, and for how long next time. */
    private final ConcurrentHashMap<Address, NoReuse> oversending = new ConcurrentHashMap<>();

    /** {@code until} is System.nanoTime; {@code period} the length of the last ban. */
    private record NoReuse(long until, long period) {
        boolean active(long now) {
            return until - now > 0;
        }
    }
    private volatile boolean closed;
    private final ScheduledFuture<?> sweeping;

    private static final class Idle {
        final ConcurrentLinkedDeque<Connection> connections = new ConcurrentLinkedDeque<>();
        final AtomicInteger count = new AtomicInteger();
    }

    private UpstreamClient(Duration connectTimeout, TlsSettings tls, Duration idleTimeout, Duration noReuse) {
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
        this.tls = requireNonNull(tls, "tls");
        this.idleNanos = idleTimeout.toNanos();
        this.noReuseNanos = noReuse.toNanos();
        long every = Math.max(10, idleTimeout.toMillis() / 6);
        this.sweeping = SWEEPER.scheduleWithFixedDelay(this::closeExpired, every, every, TimeUnit.MILLISECONDS);
    }

    public static UpstreamClient create(Duration connectTimeout, TlsSettings tls) {
        return create(connectTimeout, tls, IDLE_TIMEOUT);
    }

    /** {@code idleTimeout}: how long a connection may sit idle before it is closed. */
    public static UpstreamClient create(Duration connectTimeout, TlsSettings tls, Duration idleTimeout) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
        }
        return new UpstreamClient(connectTimeout, tls, idleTimeout, NO_REUSE_AFTER_OVERSEND);
    }

    /** For tests of the over-send ban: a first ban of {@code noReuse} instead of {@link #NO_REUSE_AFTER_OVERSEND}. */
    static UpstreamClient withNoReuse(Duration noReuse) {
        return new UpstreamClient(Duration.ofSeconds(2), TlsSettings.DEFAULT, IDLE_TIMEOUT, noReuse);
    }

    /**
     * Sends a request and reads its answer's head; read the body from the exchange and close it.
     * Each read waits at most {@code readTimeout}.
     *
     * @throws UncheckedIOException when connecting, writing or reading the head fails (the
     *                              connection is closed)
     */
    public UpstreamExchange send(Address address, RequestHead head, RequestContent content, Duration readTimeout) {
        Connection c = acquire(address);
        for (int attempt = 0; ; attempt++) {
            if (c == null) {
                try {
                    c = Connection.open(address, connectTimeout, factory(), tls.verify());
                } catch (IOException e) {
                    throw new UncheckedIOException(address + ": " + e.getMessage(), e);
                }
            }
            boolean[] received = {false};
            boolean written = false;
            try {
                c.readTimeout(readTimeout);
                RequestWriter.write(c.out, head, content, address);
                written = true;
                ResponseHead response = ResponseHead.read(c.in, received);
                return UpstreamExchange.of(this, c, response, head.method(), true);
            } catch (IOException e) {
                if (!written && !(e instanceof SocketTimeoutException)) {
                    UpstreamExchange early = earlyAnswer(c, head, received, readTimeout);
                    if (early != null) {
                        return early;
                    }
                }
                c.close();
                boolean staleConnection = c.reused && attempt == 0 && !received[0] && content.replayable()
                        && !(e instanceof SocketTimeoutException) && !(e instanceof UpstreamProtocolException)
                        && (!written || IDEMPOTENT.contains(head.method()));
                if (!staleConnection) {
                    throw new UncheckedIOException(address + ": " + e.getMessage(), e);
                }
                c = null; // the upstream closed it while idle: once more on a new connection
            } catch (RuntimeException e) {
                c.close(); // the body's own failure (the client's upload broke off) or a bad header
                throw e;
            }
        }
    }

    /**
     * The answer an upstream sent before it stopped reading the request (a 413 for an upload
     * too large, a 401), read from a connection that failed while the request was written; null
     * when there is none. The connection is closed after it.
     */
    private UpstreamExchange earlyAnswer(Connection c, RequestHead head, boolean[] received, Duration readTimeout) {
        try {
            c.readTimeout(EARLY_ANSWER_WAIT);
            ResponseHead response = ResponseHead.read(c.in, received);
            c.readTimeout(readTimeout);
            return UpstreamExchange.of(this, c, response, head.method(), false);
        } catch (IOException | RuntimeException none) {
            return null;
        }
    }

    private SSLSocketFactory factory() {
        SSLSocketFactory f = tlsFactory;
        if (f == null) {
            f = tls.socketFactory();
            tlsFactory = f;
        }
        return f;
    }

    /** A pooled connection that passes the probe, or null. */
    private Connection acquire(Address address) {
        if (closed) {
            throw new IllegalStateException("the upstream client is closed");
        }
        Idle pool = idle.get(address);
        if (pool == null) {
            return null;
        }
        long now = System.nanoTime();
        Connection c;
        while ((c = pool.connections.pollFirst()) != null) {
            pool.count.decrementAndGet();
            if (now - c.idleSince < idleNanos && !oversends(address)) {
                Connection.Probe found = c.probe();
                if (found == Connection.Probe.IDLE) {
                    c.reused = true;
                    return c;
                }
                if (found == Connection.Probe.UNSOLICITED) {
                    oversent(address);
                }
            }
            c.close();
        }
        return null;
    }

    /**
     * The upstream at {@code address} sent bytes beyond an answer's framed end. On HTTP/1.1
     * nothing tells which request later bytes answer, so the next user of its connections could
     * read them: for {@link #NO_REUSE_AFTER_OVERSEND} each of its requests gets a new connection.
     */
    void oversent(Address address) {
        long now = System.nanoTime();
        boolean[] news = {false};
        NoReuse ban = oversending.compute(address, (a, before) -> {
            if (before == null) {
                news[0] = true;
                return new NoReuse(now + noReuseNanos, noReuseNanos);
            }
            if (before.active(now)) {
                return new NoReuse(now + before.period(), before.period()); // still at it: the ban runs on
            }
            news[0] = true; // caught again after a ban: a longer one
            long period = Math.min(before.period() * 2, Math.max(MAX_NO_REUSE.toNanos(), noReuseNanos));
            return new NoReuse(now + period, period);
        });
        if (news[0]) {
            LOG.log(System.Logger.Level.WARNING, "upstream " + address + " sent bytes beyond its answer's framed end;"
                    + " its connections are not reused for " + readable(Duration.ofNanos(ban.period()))
                    + ", so that no answer can reach another request");
        }
        Idle pool = idle.get(address);
        if (pool != null) {
            evict(pool);
        }
    }

    private static String readable(Duration d) {
        return d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }

    private boolean oversends(Address address) {
        NoReuse ban = oversending.get(address);
        return ban != null && ban.active(System.nanoTime());
    }

    /** Called by an exchange that ended cleanly. */
    void release(Connection c) {
        if (oversends(c.address)) {
            c.close();
            return;
        }
        Idle pool = idle.computeIfAbsent(c.address, a -> new Idle());
        if (closed || pool.count.incrementAndGet() > MAX_IDLE_PER_ADDRESS) {
            pool.count.decrementAndGet();
            c.close();
            return;
        }
        long now = System.nanoTime();
        c.idleSince = now;
        pool.connections.offerFirst(c);
        // The least recently used are at the tail: close those idle too long.
        Connection oldest;
        while ((oldest = pool.connections.peekLast()) != null && now - oldest.idleSince >= idleNanos) {
            if (pool.connections.removeLastOccurrence(oldest)) {
                pool.count.decrementAndGet();
                oldest.close();
            }
        }
        if (closed) {
            evict(pool);
        }
    }

    /** Idle connections kept now, over all addresses. */
    public int idleConnections() {
        return idle.values().stream().mapToInt(i -> i.count.get()).sum();
    }

    /** Closes the connections idle past the idle timeout: run on its own, so a quiet address keeps none. */
    private void closeExpired() {
        long now = System.nanoTime();
        for (Idle pool : idle.values()) {
            for (Connection c : pool.connections) {
                if (now - c.idleSince >= idleNanos && pool.connections.removeLastOccurrence(c)) {
                    pool.count.decrementAndGet();
                    c.close();
                }
            }
        }
    }

    private static void evict(Idle pool) {
        Connection c;
        while ((c = pool.connections.pollFirst()) != null) {
            pool.count.decrementAndGet();
            c.close();
        }
    }

    /** Closes the idle connections; those in use are closed when their exchange ends. */
    @Override
    public void close() {
        closed = true;
        sweeping.cancel(false);
        idle.values().forEach(UpstreamClient::evict);
    }
}
