package dev.tollgate.bench.suite;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * One persistent HTTP/1.1 connection of a bench tool: a plain socket with TCP_NODELAY and a read
 * timeout, one request written and one response read at a time. It opens itself when a request
 * needs it and closes itself when a response says so or an exchange fails, so its owner only has
 * to count what happened.
 *
 * <p>One thread uses a connection; {@link #shutDown()} may come from another, to cut an exchange
 * that outlives its run.
 */
final class HttpConnection implements AutoCloseable {

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private volatile boolean shutDown;
    private volatile Socket socket;
    private OutputStream out;
    private HttpResponseReader reader;

    /** @param timeout the connect timeout, and the longest wait for any one read */
    HttpConnection(String host, int port, Duration timeout) {
        this.address = new InetSocketAddress(host, port);
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    boolean isOpen() {
        return socket != null;
    }

    /** Whether {@link #shutDown()} was called: a failure since then is the cut, not the server's doing. */
    boolean isShutDown() {
        return shutDown;
    }

    /** Opens the connection unless it is open. */
    void open() throws IOException {
        if (socket != null) {
            return;
        }
        if (shutDown) {
            throw new SocketException("connection shut down");
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(address, timeoutMillis);
            out = s.getOutputStream();
            reader = new HttpResponseReader(s.getInputStream());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        // shutDown() reads socket after setting the flag; one of the two sides sees the other.
        if (shutDown) {
            close();
            throw new SocketException("connection shut down");
        }
    }

    /** {@link #open()}, a failure ignored: the next exchange tries again and counts it. */
    void openQuietly() {
        try {
            open();
        } catch (IOException e) {
            // Counted by the exchange that needs the connection.
        }
    }

    /**
     * Writes {@code request} (opening the connection first if needed) and reads one response,
     * its body into {@code body}. The connection is closed afterwards when the response asks for
     * it, and always when this throws.
     */
    HttpResponseReader.Response exchange(byte[] request, BodySink body) throws IOException {
        try {
            open();
            out.write(request);
            out.flush();
            HttpResponseReader.Response response = reader.read(body);
            if (!response.keepAlive()) {
                close();
            }
            return response;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Closes the socket; the next exchange opens a new one. */
    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        out = null;
        reader = null;
        closeQuietly(s);
    }

    /** Closes the socket for good, from any thread: a read in progress fails at once. */
    void shutDown() {
        shutDown = true;
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Nothing left to do with it.
            }
        }
    }
}
