package dev.tollgate.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 upstream at the byte level, for tests of what happens on a connection: it keeps
 * connections alive, numbers them, records every request it reads with the connection it came
 * on, and answers with whatever bytes the test's responder writes — including bodies that are
 * cut short, close-delimited, or followed by bytes that look like another response. Shared with
 * the host's tests through this module's test jar.
 */
public final class RawUpstream implements AutoCloseable {
    /** A request as the upstream read it: its connection's number and its request line. */
    public record Received(int connection, String requestLine) {
        public String path() {
            return requestLine.split(" ")[1];
        }
    }

    /** Writes the answer to one request; returns false to close the connection after it. */
    @FunctionalInterface
    public interface Responder {
        boolean answer(String path, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Responder responder;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();

    public RawUpstream(Responder responder) throws IOException {
        this(freshSocket(port -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress())), responder);
    }

    /** Ports handed out in this JVM: an upstream banned for over-sending must not be mistaken for a later test's. */
    private static final java.util.Set<Integer> USED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @FunctionalInterface
    private interface Binder {
        ServerSocket bind(int port) throws IOException;
    }

    /**
     * A server socket on a port no earlier RawUpstream of this JVM had: the gateway remembers
     * upstreams by address (an over-sending one gets no connection reuse for minutes), and the
     * system may hand a closed test's port to the next test.
     */
    private static ServerSocket freshSocket(Binder binder) throws IOException {
        List<ServerSocket> taken = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                ServerSocket s = binder.bind(0);
                if (USED.add(s.getLocalPort())) {
                    return s;
                }
                taken.add(s); // held until a fresh one is found, so that it is not offered again
            }
            throw new IOException("no fresh port after 100 tries");
        } finally {
            for (ServerSocket s : taken) {
                s.close();
            }
        }
    }

    private RawUpstream(ServerSocket server, Responder responder) {
        this.server = server;
        this.responder = responder;
        Thread.ofVirtual().name("raw-upstream").start(this::acceptLoop);
    }

    /**
     * The same upstream behind TLS, with a self-signed certificate for {@code localhost} made
     * once per test run: clients connect with {@code TlsSettings(false, List.of())}.
     */
    public static RawUpstream tls(Responder responder) throws IOException {
        var factory = SelfSigned.context().getServerSocketFactory();
        return new RawUpstream(freshSocket(port -> factory.createServerSocket(port, 50, InetAddress.getLoopbackAddress())), responder);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Connections open now: opened by the gateway and not yet ended by either side. */
    public int liveConnections() {
        return live.get();
    }

    /** How many connections the gateway has opened so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                int id = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s, id));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s, int id) {
        live.incrementAndGet();
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] lines = head.split("\r\n");
                skipBody(in, lines);
                received.add(new Received(id, lines[0]));
                if (!responder.answer(lines[0].split(" ")[1], out)) {
                    return;
                }
                out.flush();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the gateway closed the connection, or the test is over
        } finally {
            live.decrementAndGet();
        }
    }

    /** The request head up to its blank line, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4) {
                byte[] h = head.toByteArray();
                int n = h.length;
                if (h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    return new String(h, 0, n - 4, StandardCharsets.ISO_8859_1);
                }
            }
        }
        return null;
    }

    /** Reads past the request's body, by its length or its chunks; a broken chunk ends the connection. */
    private static void skipBody(InputStream in, String[] lines) throws IOException {
        for (String line : lines) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            } else if (l.startsWith("transfer-encoding:") && l.contains("chunked")) {
                while (true) {
                    int size = Integer.parseInt(readLine(in).trim(), 16); // NumberFormatException: not a request we can read
                    in.readNBytes(size);
                    if (size == 0) {
                        readLine(in); // the blank line after the last chunk (no trailers)
                        return;
                    }
                    readLine(in);
                }
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        if (b < 0) {
            throw new IOException("end of stream inside a chunked body");
        }
        return line.toString();
    }

    /** Writes ASCII text and flushes it, so it leaves as one piece. */
    public static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Closes the connections open now, as an upstream does when they sat idle too long. */
    public void closeConnections() throws IOException {
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
