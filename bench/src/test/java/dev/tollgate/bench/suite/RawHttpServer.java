package dev.tollgate.bench.suite;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test server on a raw socket, for answers a real HTTP server would not give: cut bodies,
 * dropped connections, hand-made chunking. It reads each request (head and Content-Length body),
 * numbers it across all connections from 0, and lets the test write whatever bytes it likes.
 */
final class RawHttpServer implements AutoCloseable {

    /** Writes the answer to request {@code n}; returns false to close the connection afterwards. */
    @FunctionalInterface
    interface Handler {
        boolean answer(int n, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private RawHttpServer(Handler handler) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.handler = handler;
        Thread.ofVirtual().start(this::accept);
    }

    static RawHttpServer start(Handler handler) throws IOException {
        return new RawHttpServer(handler);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    /** A whole response with a Content-Length. */
    static void respond(OutputStream out, int status, String extraHeaders, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(("HTTP/1.1 " + status + " X\r\nContent-Length: " + bytes.length + "\r\n" + extraHeaders
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        response.writeBytes(bytes);
        // One write: head and body in two small writes would wait out Nagle and a delayed ACK.
        out.write(response.toByteArray());
        out.flush();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (readRequest(in)) {
                if (!handler.answer(requests.getAndIncrement(), out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the test closed the server.
        } finally {
            open.remove(socket);
        }
    }

    /** Reads one request; false at the end of the connection. */
    private static boolean readRequest(InputStream in) throws IOException {
        long contentLength = 0;
        boolean first = true;
        while (true) {
            String line = readLine(in);
            if (line == null) {
                if (first) {
                    return false;
                }
                throw new IOException("request cut");
            }
            first = false;
            if (line.isEmpty()) {
                break;
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Long.parseLong(line.substring(15).trim());
            }
        }
        in.skipNBytes(contentLength);
        return true;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
