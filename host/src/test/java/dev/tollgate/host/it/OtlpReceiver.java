package dev.tollgate.host.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP trace receiver for tests: takes {@code POST /v1/traces} with protobuf bodies,
 * decodes them with the {@code opentelemetry-proto} classes, and keeps the spans with their
 * resource's attributes.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One received span, its ids in hex and its attributes as strings (arrays joined with ','). */
    record Received(String traceId, String spanId, String parentSpanId, String name, Span.SpanKind kind, long startNanos,
                    long endNanos, Map<String, String> attributes, Map<String, String> resource, List<String> events) {
        String attr(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<Received> spans = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, List<String>> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                requestHeaders.add(headers);
                ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
                for (ResourceSpans rs : req.getResourceSpansList()) {
                    Map<String, String> resource = attributes(rs.getResource().getAttributesList());
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        for (Span s : ss.getSpansList()) {
                            spans.add(new Received(hex(s.getTraceId().toByteArray()), hex(s.getSpanId().toByteArray()),
                                    hex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind(), s.getStartTimeUnixNano(),
                                    s.getEndTimeUnixNano(), attributes(s.getAttributesList()), resource,
                                    s.getEventsList().stream().map(Span.Event::getName).toList()));
                        }
                    }
                }
                byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<Received> spans() {
        return new ArrayList<>(spans);
    }

    List<Received> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    List<Map<String, List<String>>> requestHeaders() {
        return requestHeaders;
    }

    private static Map<String, String> attributes(List<KeyValue> kvs) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (KeyValue kv : kvs) {
            out.put(kv.getKey(), text(kv.getValue()));
        }
        return out;
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case ARRAY_VALUE -> String.join(",", v.getArrayValue().getValuesList().stream().map(OtlpReceiver::text).toList());
            default -> v.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return bytes.length == 0 ? "" : HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
