package dev.tollgate.upstream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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

    final Address address;
    private final SocketChannel channel;
    private final Socket socket;
    final InputStream in;
    final OutputStream out;
    /** When it was last released to the pool (System.nanoTime), for the idle limit. */
    long idleSince;
    /** True once it served an exchange: a failure on it may be the upstream having closed it meanwhile. */
    boolean reused;
    private volatile boolean closed;
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    private Connection(Address address, SocketChannel channel, Socket socket) throws IOException {
        this.address = address;
        this.channel = channel;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
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

    /**
     * True when the connection can carry another exchange: nothing is waiting to be read and
     * the upstream has not closed it. The probe is a non-blocking read on the socket itself,
     * under TLS too: a byte found there (unsolicited data, a TLS alert, a close) rules the
     * connection out, so consuming it does no harm; nothing found consumes nothing.
     */
    boolean idleAndOpen() {
        if (closed || !channel.isOpen()) {
            return false;
        }
        try {
            if (in.available() > 0) {
                return false;
            }
            synchronized (channel.blockingLock()) {
                channel.configureBlocking(false);
                try {
                    probe.clear();
                    return channel.read(probe) == 0; // -1: closed; 1: bytes nobody asked for
                } finally {
                    channel.configureBlocking(true);
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
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
