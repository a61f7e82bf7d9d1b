package dev.tollgate.plugins.opentelemetry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.tollgate.commons.queue.QueueConfig;
import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * A validated {@code opentelemetry} configuration: Kong's fields ({@code traces_endpoint},
 * {@code headers}, {@code resource_attributes}, {@code sampling_rate}, {@code propagation},
 * {@code queue}, the timeouts, {@code http_response_header_for_traceid}, the legacy
 * {@code header_type}) and Tollgate's {@code capture_content}.
 */
record OpenTelemetryConfig(URI tracesEndpoint, Map<String, String> headers, Map<String, String> resourceAttributes,
                           double samplingRate, List<TraceFormat> extract, List<String> inject, TraceFormat defaultFormat,
                           List<String> clear, QueueConfig queue, Duration connectTimeout, Duration sendTimeout,
                           Duration readTimeout, Optional<String> traceIdHeader, boolean captureContent) {

    static final String PRESERVE = "preserve";
    static final int DEFAULT_BATCH_SIZE = 200;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final List<String> FORMATS = java.util.Arrays.stream(TraceFormat.values()).map(f -> f.configName).toList();

    static final ConfigSchema PROPAGATION = ConfigSchema.builder()
            .field(Field.strings("extract").check(v -> formats(v, false), "formats among " + FORMATS)
                    .description("Where the client's trace context is read from, in this order: the first format "
                            + "present wins. Default: every format (" + String.join(", ", FORMATS) + ")."))
            .field(Field.strings("inject").check(v -> formats(v, true), "formats among " + FORMATS + " or preserve")
                    .description("The formats the trace context is sent upstream in; 'preserve' is the format it "
                            + "was read in (default_format when there was none). Default: [preserve]."))
            .field(Field.string("default_format").oneOf(FORMATS.toArray(String[]::new)).defaultValue("w3c")
                    .description("The format 'preserve' injects when the request came without a trace context."))
            .field(Field.strings("clear").check(v -> tokens(v), "header names")
                    .description("Headers removed from the upstream request (a client's tracing headers of a "
                            + "format not injected, say)."))
            .build();

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .field(Field.string("traces_endpoint").required()
                    .check(v -> endpointProblem((String) v).isEmpty(), "an http or https URL with a host, e.g. "
                            + "http://otel-collector:4318/v1/traces")
                    .description("The OTLP/HTTP endpoint spans are sent to as protobuf (a collector's "
                            + "http://host:4318/v1/traces)."))
            .field(Field.stringMap("headers").secret()
                    .check(v -> exportHeaders((Map<?, ?>) v), "header names (letters, digits, !#$%&'*+-.^_`|~) other than "
                            + "Connection, Content-Length, Expect, Host and Upgrade, with values of printable ASCII")
                    .description("Headers sent with every export (a collector's or vendor's API key)."))
            .field(Field.stringMap("resource_attributes")
                    .description("Attributes of the resource every span is from; service.name defaults to tollgate."))
            .field(Field.number("sampling_rate").min(0).max(1).defaultValue(1.0)
                    .description("The share of requests traced, 0 to 1, for requests that come without a sampling "
                            + "decision; a client's traceparent (or another format's) decision is followed."))
            .field(Field.record("propagation", PROPAGATION)
                    .description("How the trace context is read from the client and passed upstream."))
            .field(Field.string("header_type").oneOf("preserve", "ignore", "w3c", "b3", "b3-single", "jaeger", "ot", "aws",
                            "gcp", "datadog").defaultValue("preserve")
                    .description("Kong's older setting, used only when propagation.inject is not set: the format "
                            + "injected ('preserve': as read; 'ignore': none)."))
            .field(Field.record("queue", QueueConfig.schema(DEFAULT_BATCH_SIZE))
                    .description("How spans are batched and retried on their way to the collector. A full queue "
                            + "drops the oldest spans (counted in otel_spans_dropped_total); the request path never waits."))
            .field(Field.integer("connect_timeout").min(1).max(600_000).defaultValue(1000L)
                    .description("Milliseconds to connect to the collector."))
            .field(Field.integer("send_timeout").min(1).max(600_000).defaultValue(5000L)
                    .description("Milliseconds to send a batch."))
            .field(Field.integer("read_timeout").min(1).max(600_000).defaultValue(5000L)
                    .description("Milliseconds to wait for the collector's answer."))
            .field(Field.string("http_response_header_for_traceid").check(v -> responseHeader((String) v),
                            "a header name, not one that frames the response (Content-*, Transfer-Encoding, Connection, ...)")
                    .description("A response header that gives the client the request's trace id."))
            .field(Field.bool("capture_content").defaultValue(Boolean.FALSE)
                    .description("Tollgate's: put the prompt (as sent upstream, after ai-sanitizer masked it) and "
                            + "the answer (as the model gave it) on the GenAI span, as gen_ai.input.messages and "
                            + "gen_ai.output.messages. Off by default: prompts are private."))
            .build();

    static OpenTelemetryConfig from(PluginConfig c) {
        PluginConfig p = c.record("propagation");
        List<TraceFormat> extract = p.strings("extract").isEmpty() ? List.of(TraceFormat.values())
                : p.strings("extract").stream().map(f -> TraceFormat.of(f).orElseThrow()).toList();
        String headerType = c.string("header_type").orElse(PRESERVE);
        List<String> inject = !p.strings("inject").isEmpty() ? p.strings("inject")
                : headerType.equals("ignore") ? List.of() : List.of(headerType);
        return new OpenTelemetryConfig(URI.create(c.string("traces_endpoint").orElseThrow()), c.stringMap("headers"),
                c.stringMap("resource_attributes"), c.number("sampling_rate").orElse(1.0), extract, inject,
                TraceFormat.of(p.string("default_format").orElse("w3c")).orElseThrow(),
                p.strings("clear").stream().map(h -> h.toLowerCase(Locale.ROOT)).toList(),
                QueueConfig.from(c.record("queue")), Duration.ofMillis(c.integer("connect_timeout").orElse(1000L)),
                Duration.ofMillis(c.integer("send_timeout").orElse(5000L)), Duration.ofMillis(c.integer("read_timeout").orElse(5000L)),
                c.string("http_response_header_for_traceid"), c.bool("capture_content"));
    }

    /** The formats injected for a request whose context was read in {@code read} (null: none). */
    List<TraceFormat> injected(TraceFormat read) {
        List<TraceFormat> out = new ArrayList<>(inject.size());
        for (String f : inject) {
            TraceFormat format = f.equals(PRESERVE) ? (read != null ? read : defaultFormat) : TraceFormat.of(f).orElseThrow();
            if (!out.contains(format)) {
                out.add(format);
            }
        }
        return out;
    }

    static Optional<String> endpointProblem(String url) {
        try {
            URI u = new URI(url);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                return Optional.of("the scheme must be http or https");
            }
            if (u.getHost() == null || u.getHost().isEmpty()) {
                return Optional.of("no host");
            }
            if (u.getPort() > 65535) {
                return Optional.of("port " + u.getPort() + " (expected: 1..65535)");
            }
            return Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static boolean formats(Object v, boolean preserve) {
        for (Object f : (List<?>) v) {
            if (!(FORMATS.contains(f.toString()) || preserve && PRESERVE.equals(f))) {
                return false;
            }
        }
        return true;
    }

    /** The JDK's HTTP client, which the exporter sends with, sets these itself and refuses them from callers. */
    private static final java.util.Set<String> RESTRICTED = java.util.Set.of("connection", "content-length", "expect", "host",
            "upgrade");
    /** Headers that frame or route the response: the trace id never goes in one of them. */
    private static final java.util.Set<String> FRAMING = java.util.Set.of("transfer-encoding", "connection", "keep-alive", "te",
            "trailer", "upgrade", "host", "proxy-connection", "set-cookie");

    private static boolean exportHeaders(Map<?, ?> headers) {
        for (Map.Entry<?, ?> e : headers.entrySet()) {
            String name = e.getKey().toString();
            if (!TOKEN.matcher(name).matches() || RESTRICTED.contains(name.toLowerCase(Locale.ROOT))
                    || !(e.getValue() instanceof String value) || !value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean responseHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return TOKEN.matcher(name).matches() && !lower.startsWith("content-") && !FRAMING.contains(lower);
    }

    private static boolean tokens(Object v) {
        return ((List<?>) v).stream().allMatch(h -> TOKEN.matcher(h.toString()).matches());
    }
}
