package dev.tollgate.mockllm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Plain-HTTP helpers for gateway tests: {@code /echo/**} describes the request it got,
 * {@code /stream/sse} streams timed events, {@code /bytes} answers a body of a given size.
 */
final class EchoHandlers {

    static final int MAX_EVENTS = 100_000;
    static final long MAX_BYTES = 1L << 30;

    private EchoHandlers() {
    }

    /** {@code {"method","path","query","headers","body"}}; repeated headers are joined with ", ". */
    static void echo(Exchange exchange) {
        exchange.sendJson(200, describe(exchange.request()));
    }

    static ObjectNode describe(RecordedRequest request) {
        ObjectNode body = Exchange.MAPPER.createObjectNode()
                .put("method", request.method()).put("path", request.path()).put("query", request.query());
        ObjectNode headers = body.putObject("headers");
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            headers.put(header.getKey(), String.join(", ", header.getValue()));
        }
        body.put("body", request.body());
        return body;
    }

    /** {@code ?events=N&delay_ms=M}: N events {@code data: event i} (i from 1), M ms apart. */
    static void sse(Exchange exchange) throws IOException {
        long events;
        long delayMs;
        try {
            events = queryLong(exchange.request().query(), "events", 5, MAX_EVENTS);
            delayMs = queryLong(exchange.request().query(), "delay_ms", 100, 60_000);
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.openAi(400, e.getMessage()));
            return;
        }
        EventStream sse = exchange.startSse((int) events);
        for (int i = 1; i <= events; i++) {
            if (i > 1) {
                sse.pause(Duration.ofMillis(delayMs));
            }
            sse.data("event " + i);
        }
        sse.close();
    }

    /** {@code ?size=N}: N bytes of the repeating alphabet, so a client can check what it got. */
    static void bytes(Exchange exchange) {
        long size;
        try {
            size = queryLong(exchange.request().query(), "size", 1024, MAX_BYTES);
        } catch (IllegalArgumentException e) {
            exchange.sendJson(400, ErrorBodies.openAi(400, e.getMessage()));
            return;
        }
        byte[] block = new byte[64 * 26 * 26];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('a' + i % 26);
        }
        long limit = exchange.dropsMidStream() ? size / 2 : size;
        OutputStream out = exchange.startBody("application/octet-stream", size);
        try {
            for (long written = 0; written < limit; ) {
                int n = (int) Math.min(block.length, limit - written);
                out.write(block, 0, n);
                written += n;
            }
            if (exchange.dropsMidStream()) {
                out.flush();
                throw Exchange.abort("mock failure: dropped after " + limit + " of " + size + " bytes");
            }
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long queryLong(String query, String name, long fallback, long max) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!key.equals(name)) {
                continue;
            }
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            return Numbers.nonNegative(name, value, max);
        }
        return fallback;
    }
}
