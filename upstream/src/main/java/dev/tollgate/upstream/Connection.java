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
 * One TCP (or TLS) connection to an upstream, used by one exchange at a time. A plain
 * connection can be probed without blocking before it is used again: bytes the upstream sent
 * while it sat idle (more than its last response framed), or its having closed, rule it out.
 */
final class Connection {
    private static final int BUFFER = 16 * 1024;

    final Address address;
    private final SocketChannel channel;
    private final Socket socket;
    final InputStream in;
    final OutputStream out;
    private final boolean tls;
    /** When it was last released to the pool (System.nanoTime), for the idle limit. */
    long idleSince;
    /** True once it served an exchange: a failure on it may be the upstream having closed it meanwhile. */
    boolean reused;
    private volatile boolean closed;

    private Connection(Address address, SocketChannel channel, Socket socket, boolean tls) throws IOException {
        this.address = address;
        this.channel = channel;
        this.socket = socket;
        this.tls = tls;
        this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
    }

    /** Connects to the first of the host's addresses that answers within {@code timeout} in all. */
    static Connection open(Address address, Duration timeout, SSLSocketFactory tls, boolean verifyHost) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetAddress[] candidates = InetAddress.getAllByName(address.host());
        IOException last = null;
        for (InetAddress ip : candidates) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            SocketChannel channel = SocketChannel.open();
            try {
                Socket s = channel.socket();
                s.setTcpNoDelay(true); // small writes (a head, an event) leave at once
                s.connect(new InetSocketAddress(ip, address.port()), (int) Math.min(Integer.MAX_VALUE, left));
                if (!address.secure()) {
                    return new Connection(address, channel, s, false);
                }
                return new Connection(address, channel, handshake(s, address, tls, verifyHost, left), true);
            } catch (IOException e) {
                channel.close();
                last = e;
                if (System.nanoTime() >= deadline) {
                    break;
                }
            }
        }
        throw last != null ? last : new java.net.UnknownHostException(address.host());
    }

    private static SSLSocket handshake(Socket plain, Address address, SSLSocketFactory factory, boolean verifyHost,
                                       long timeoutMs) throws IOException {
        SSLSocket ssl = (SSLSocket) factory.createSocket(plain, address.host(), address.port(), true);
        SSLParameters p = ssl.getSSLParameters();
        if (verifyHost) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(address.host())) {
            p.setServerNames(List.of(new SNIHostName(address.host())));
        }
        p.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(p);
        ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs));
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            ssl.close();
            throw new SocketTimeoutException("connect timed out in the TLS handshake with " + address);
        } catch (IOException e) {
            ssl.close();
            throw e;
        }
        return ssl;
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
     * the upstream has not closed it. A TLS connection cannot be probed without consuming its
     * records; it is taken on trust (a failure is retried by the client).
     */
    boolean idleAndOpen() {
        if (closed || !channel.isOpen()) {
            return false;
        }
        try {
            if (in.available() > 0) {
                return false;
            }
            if (tls) {
                return true;
            }
            synchronized (channel.blockingLock()) {
                channel.configureBlocking(false);
                try {
                    return channel.read(ByteBuffer.allocate(1)) == 0; // -1: closed; 1: unsolicited bytes
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
