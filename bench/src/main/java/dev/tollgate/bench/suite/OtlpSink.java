package dev.tollgate.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OpenTelemetry collector for the suite: takes OTLP/HTTP exports on loopback, reads
 * them whole and answers 200 (an empty ExportTraceServiceResponse), counting the bytes. The
 * gateway's exporter then does all the work it does against a real collector.
 */
public final class OtlpSink implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong exports = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public OtlpSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bytes.addAndGet(in.readAllBytes().length);
                exports.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String tracesEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** Exports received, and their bytes. */
    public String summary() {
        return exports.get() + " exports, " + bytes.get() / 1024 + " KiB";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
