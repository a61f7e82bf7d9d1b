package dev.tollgate.plugins.httplog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A log collector on a random local port that records what it receives. Answers 200 unless
 * told otherwise ({@link #answer}), or nothing at all after {@link #stopAnswering}.
 */
final class RecordingEndpoint implements AutoCloseable {
    record Received(String method, String path, Map<String, String> headers, String body, long atNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean silent;

    private RecordingEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static RecordingEndpoint start() throws IOException {
        return new RecordingEndpoint();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    URI uri(String path) {
        return URI.create(url(path));
    }

    /** The statuses of the next answers, in order; 200 after them. */
    void answer(int... next) {
        for (int s : next) {
            statuses.add(s);
        }
    }

    /** Requests are recorded but not answered until {@link #release} or {@link #close}. */
    void stopAnswering() {
        silent = true;
    }

    void release() {
        released.countDown();
    }

    /** The next request received, waiting up to 5 seconds. */
    Received take() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request within 5 s");
        }
        return r;
    }

    /** The next request received within {@code millis}, or null. */
    Received poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body,
                System.nanoTime()));
        if (silent) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer status = statuses.poll();
        exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
