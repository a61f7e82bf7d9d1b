package dev.tollgate.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One TCP (or TLS) connection to an upstream, used by one exchange at a time. It is probed
 * without blocking before it is used again: bytes the upstream sent while it sat idle (more
 * than its last response framed), or its having closed, rule it out.
 */
final class Connection {
    private static final int BUFFER = 16 * 1024;
    /** How long a probe waits for the rest of a TLS record already arriving. */
    private static final int PROBE_WAIT_MS = 20;

    final Address address;
    private final SocketChannel channel;
    private final Socket socket;
    final InputStream in;
    final ByteOutput out;
    /** When it was last released to the pool (System.nanoTime), for the idle limit. */
    long idleSince;
    /** True once it served an exchange: a failure on it may be the upstream having closed it meanwhile. */
    boolean reused;
    private volatile boolean closed;
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    /** The socket's own bytes, under TLS too: {@code available()} counts what the kernel holds, consuming nothing. */
    private final InputStream raw;
    private final boolean tls;

    private Connection(Address address, SocketChannel channel, Socket socket) throws IOException {
        this.address = address;
        this.channel = channel;
        this.socket = socket;
        this.tls = socket != channel.socket();
        this.raw = channel.socket().getInputStream();
        this.in = new ByteInput(socket.getInputStream(), BUFFER);
        this.out = new ByteOutput(socket.getOutputStream(), BUFFER);
    }

    /**
     * Connects to the first of the host's addresses that answers, each address given an equal
     * share of what is left of {@code timeout} (the last one all of it), so that one dead
     * address cannot use up the budget of the others.
     *
     * @throws UpstreamConnectException when no address could be connected to (nothing was sent)
     */
    static Connection open(Address address, Duration timeout, SSLSocketFactory tls, boolean verifyHost)
            throws UpstreamConnectException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetAddress[] candidates;
        try {
            candidates = InetAddress.getAllByName(address.host());
        } catch (IOException e) {
            throw new UpstreamConnectException("unknown host (" + e.getMessage() + ")", e, false);
        }
        IOException last = null;
        for (int i = 0; i < candidates.length; i++) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                break;
            }
            long shareMs = Math.max(1, leftNanos / (candidates.length - i) / 1_000_000);
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                Socket s = channel.socket();
                s.setTcpNoDelay(true); // small writes (a head, an event) leave at once
                s.connect(new InetSocketAddress(candidates[i], address.port()), (int) Math.min(Integer.MAX_VALUE, shareMs));
                if (!address.secure()) {
                    return new Connection(address, channel, s);
                }
                long handshakeMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                return new Connection(address, channel, handshake(s, address, tls, verifyHost, handshakeMs));
            } catch (IOException e) {
                closeQuietly(channel);
                last = e;
            } catch (RuntimeException e) {
                closeQuietly(channel); // never leave a connected socket behind, whatever failed
                throw e;
            }
        }
        boolean timedOut = last == null || last instanceof SocketTimeoutException;
        String why = last == null ? "connect timed out" : last.getMessage();
        throw new UpstreamConnectException(why, last, timedOut);
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private static SSLSocket handshake(Socket plain, Address address, SSLSocketFactory factory, boolean verifyHost,
                                       long timeoutMs) throws IOException {
        String host = address.host().endsWith(".") ? address.host().substring(0, address.host().length() - 1) : address.host();
        SSLSocket ssl = (SSLSocket) factory.createSocket(plain, host, address.port(), true);
        try {
            SSLParameters p = ssl.getSSLParameters();
            if (verifyHost) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            SNIHostName sni = serverName(address.host());
            if (sni != null) {
                p.setServerNames(List.of(sni));
            }
            p.setApplicationProtocols(new String[] {"http/1.1"});
            ssl.setSSLParameters(p);
            ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs));
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            ssl.close();
            throw new SocketTimeoutException("connect timed out in the TLS handshake with " + address);
        } catch (IOException | RuntimeException e) {
            ssl.close();
            throw e;
        }
        return ssl;
    }

    /**
     * The name sent in SNI: the host without a trailing dot; none for an address literal, or a
     * name SNI cannot carry (an underscore, say), for which the server's default certificate
     * answers.
     */
    static SNIHostName serverName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || isIpLiteral(name)) {
            return null;
        }
        try {
            return new SNIHostName(name);
        } catch (IllegalArgumentException notAnSniName) {
            return null;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** Reads block at most this long each; {@code SocketTimeoutException} past it. */
    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
    }

    /** What a probe of an idle connection found. */
    enum Probe {
        /** Nothing waiting, still open: it can carry another exchange. */
        IDLE,
        /** The upstream closed it (or it failed). */
        CLOSED,
        /** Bytes nobody asked for: the upstream sent more than its last answer framed. */
        UNSOLICITED
    }

    /**
     * Whether the connection can carry another exchange: nothing is waiting to be read and the
     * upstream has not closed it. Bytes waiting in the socket are counted without being read;
     * under TLS they are decrypted, with a short wait for the rest of their record, to tell an
     * upstream that closed (an alert, then the end) from one that sent data. Otherwise a
     * non-blocking read of the socket tells a close from silence, and consumes nothing.
     */
    Probe probe() {
        if (closed || !channel.isOpen()) {
            return Probe.CLOSED;
        }
        try {
            if (in.available() > 0) {
                return Probe.UNSOLICITED;
            }
            if (raw.available() > 0) {
                return tls ? decrypted() : Probe.UNSOLICITED;
            }
            synchronized (channel.blockingLock()) {
                channel.configureBlocking(false);
                try {
                    probe.clear();
                    int n = channel.read(probe); // 0: silence; -1: closed; 1: arrived just now (consumed: ruled out)
                    return n == 0 ? Probe.IDLE : n < 0 || tls ? Probe.CLOSED : Probe.UNSOLICITED;
                } finally {
                    channel.configureBlocking(true);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Probe.CLOSED;
        }
    }

    /** What TLS records waiting on an idle connection hold: data, or only the upstream's goodbye. */
    private Probe decrypted() throws IOException {
        socket.setSoTimeout(PROBE_WAIT_MS);
        try {
            return in.read() < 0 ? Probe.CLOSED : Probe.UNSOLICITED;
        } catch (java.net.SocketTimeoutException handshakeMessageOnly) {
            return Probe.CLOSED; // a session ticket or key update: not data, but not worth keeping either
        }
    }

    /** Nothing already received beyond what was read: checked when an exchange ends. */
    boolean nothingBuffered() {
        try {
            return in.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
