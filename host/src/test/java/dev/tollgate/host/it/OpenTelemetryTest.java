package dev.tollgate.host.it;

import static dev.tollgate.host.it.Exposition.eventually;
import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.it.ai.AiRoutes;
import dev.tollgate.mockllm.RecordedRequest;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opentelemetry plugin against an OTLP/HTTP receiver that decodes the exported protobuf: the
 * span tree of a proxied AI request with its gen_ai.* attributes, trace context from the client
 * and to the upstream (seen by the mock LLM), sampling at 0 and 1, content captured only when
 * asked and only masked, the trace id in usage records and the request log, and a collector that
 * hangs costing the requests nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenTelemetryTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";
    private static final String CHAT = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Mail jane.doe@example.com\"}]}";
    TestGateway t;
    OtlpReceiver otlp;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        otlp = new OtlpReceiver();
        t = TestGateway.start("h2", dir);
        String url = t.mock.baseUrl() + "/v1/chat/completions";
        AiRoutes.create(t, "traced", "/traced", AiRoutes.openAi(url, "gpt-4o"));
        expect(201, t.sendJson("POST", t.admin("/routes/traced/plugins"), otel("{\"sampling_rate\":1.0,"
                + "\"resource_attributes\":{\"deployment.environment\":\"test\"},\"headers\":{\"x-collector-key\":\"k1\"},"
                + "\"http_response_header_for_traceid\":\"X-Trace-Id\"}")));
        AiRoutes.create(t, "content", "/content", AiRoutes.openAi(url, "gpt-4o"));
        expect(201, t.sendJson("POST", t.admin("/routes/content/plugins"), "{\"name\":\"ai-sanitizer\"}"));
        expect(201, t.sendJson("POST", t.admin("/routes/content/plugins"), otel("{\"capture_content\":true}")));
        AiRoutes.create(t, "unsampled", "/unsampled", AiRoutes.openAi(url, "gpt-4o"));
        expect(201, t.sendJson("POST", t.admin("/routes/unsampled/plugins"), otel("{\"sampling_rate\":0.0}")));
        expect(201, t.postForm(t.admin("/services"), "name=plain", "url=" + t.mock.baseUrl() + "/v1/chat/completions"));
        expect(201, t.postForm(t.admin("/services/plain/routes"), "name=plain", "paths[]=/plain"));
        expect(201, t.sendJson("POST", t.admin("/routes/plain/plugins"), otel("{\"propagation\":{\"extract\":[\"aws\",\"w3c\"],"
                + "\"inject\":[\"preserve\",\"b3\"],\"default_format\":\"w3c\"}}")));
    }

    @AfterAll
    void stop() {
        t.close();
        otlp.close();
    }

    private String otel(String extra) {
        String endpoint = "\"traces_endpoint\":\"" + otlp.endpoint() + "\",\"queue\":{\"max_coalescing_delay\":0.05}";
        return "{\"name\":\"opentelemetry\",\"config\":{" + endpoint + (extra.equals("{}") ? "" : "," + extra.substring(1, extra.length() - 1)) + "}}";
    }

    private RecordedRequest lastUpstream() {
        return t.mock.requests().getLast();
    }

    @Test
    void anAiRequestsSpanTreeFollowsTheGenAiConventionsAndContinuesTheClientsTrace() {
        var res = t.postJson(t.proxy("/traced/v1/chat/completions"), CHAT, "traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01");
        expect(200, res);
        assertThat(res.headers().firstValue("X-Trace-Id")).contains(TRACE);
        // the upstream (the mock LLM) got the trace, with the GenAI span as its parent
        String sent = lastUpstream().header("traceparent").orElseThrow();
        assertThat(sent).startsWith("00-" + TRACE + "-").endsWith("-01");
        String upstreamSpan = sent.substring(36, 52);

        List<OtlpReceiver.Received> spans = eventually(() -> otlp.trace(TRACE), s -> assertThat(s).hasSizeGreaterThanOrEqualTo(4));
        OtlpReceiver.Received server = single(spans, s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(server.parentSpanId()).isEqualTo(CLIENT_SPAN);
        assertThat(server.name()).isEqualTo("POST traced");
        assertThat(server.attr("http.response.status_code")).isEqualTo("200");
        assertThat(server.attr("tollgate.route.name")).isEqualTo("traced");
        assertThat(server.resource()).containsEntry("service.name", "tollgate").containsEntry("deployment.environment", "test");

        OtlpReceiver.Received router = single(spans, s -> s.name().equals("tollgate.router"));
        assertThat(router.parentSpanId()).isEqualTo(server.spanId());
        OtlpReceiver.Received proxyAccess = single(spans, s -> s.name().equals("tollgate.access.plugin.ai-proxy"));
        assertThat(proxyAccess.parentSpanId()).isEqualTo(server.spanId());
        assertThat(proxyAccess.attr("tollgate.plugin.priority")).isEqualTo("770");
        assertThat(single(spans, s -> s.name().equals("tollgate.access.plugin.opentelemetry")).attr("tollgate.plugin.priority"))
                .isEqualTo("14");

        OtlpReceiver.Received llm = single(spans, s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(llm.spanId()).isEqualTo(upstreamSpan);
        assertThat(llm.parentSpanId()).isEqualTo(server.spanId());
        assertThat(llm.name()).isEqualTo("chat gpt-4o");
        assertThat(llm.attributes()).containsEntry("gen_ai.operation.name", "chat").containsEntry("gen_ai.provider.name", "openai")
                .containsEntry("gen_ai.request.model", "gpt-4o").containsKey("gen_ai.response.model")
                .containsKey("gen_ai.response.id").containsEntry("gen_ai.response.finish_reasons", "stop");
        assertThat(Long.parseLong(llm.attr("gen_ai.usage.input_tokens"))).isPositive();
        assertThat(Long.parseLong(llm.attr("gen_ai.usage.output_tokens"))).isPositive();
        assertThat(llm.attributes()).doesNotContainKeys("gen_ai.input.messages", "gen_ai.output.messages"); // off by default
        assertThat(llm.startNanos()).isGreaterThanOrEqualTo(server.startNanos());
        assertThat(llm.endNanos()).isLessThanOrEqualTo(server.endNanos());
        assertThat(otlp.requestHeaders()).anySatisfy(h -> assertThat(h.get("x-collector-key")).containsExactly("k1")); // this route's exporter

        // the usage record and the request log carry the trace id
        JsonNode usage = json(expect(200, t.get(t.admin("/usage?size=1")))).get("data").get(0);
        assertThat(usage.get("trace_id").asText()).isEqualTo(TRACE);
        JsonNode logged = eventually(() -> json(expect(200, t.get(t.admin("/requests?route=traced&size=1")))).get("data"),
                d -> assertThat(d).hasSize(1)).get(0);
        assertThat(logged.get("trace_id").asText()).isEqualTo(TRACE);
    }

    @Test
    void aStreamedAnswerRecordsItsFirstToken() {
        expect(200, t.postJson(t.proxy("/traced/v1/chat/completions"), "{\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"stream it\"}]}"));
        String trace = lastUpstream().header("traceparent").orElseThrow().substring(3, 35);
        OtlpReceiver.Received llm = eventually(() -> otlp.trace(trace).stream().filter(s -> s.name().startsWith("chat ")).toList(),
                s -> assertThat(s).hasSize(1)).getFirst();
        assertThat(llm.events()).contains("gen_ai.first_token");
        assertThat(Long.parseLong(llm.attr("tollgate.ai.time_to_first_token_ms"))).isNotNegative();
    }

    @Test
    void contentIsCapturedOnlyWhenAskedAndOnlyAsSentUpstream() {
        expect(200, t.postJson(t.proxy("/content/v1/chat/completions"), CHAT));
        String trace = lastUpstream().header("traceparent").orElseThrow().substring(3, 35);
        assertThat(lastUpstream().body()).doesNotContain("jane.doe@example.com");
        OtlpReceiver.Received llm = eventually(() -> otlp.trace(trace).stream().filter(s -> s.name().startsWith("chat ")).toList(),
                s -> assertThat(s).hasSize(1)).getFirst();
        assertThat(llm.attr("gen_ai.input.messages")).contains("\"role\":\"user\"").doesNotContain("jane.doe@example.com");
        assertThat(llm.attr("gen_ai.output.messages")).contains("\"role\":\"assistant\"").contains("\"content\":");
    }

    @Test
    void samplingAtZeroExportsNothingButStillPassesTheContextOn() throws Exception {
        int before = otlp.spans().size();
        for (int i = 0; i < 5; i++) {
            expect(200, t.postJson(t.proxy("/unsampled/v1/chat/completions"), CHAT));
            assertThat(lastUpstream().header("traceparent").orElseThrow()).endsWith("-00");
        }
        // a client's sampled trace is followed whatever the rate
        expect(200, t.postJson(t.proxy("/unsampled/v1/chat/completions"), CHAT, "traceparent",
                "00-aaaabbbbccccddddeeeeffff00001111-" + CLIENT_SPAN + "-01"));
        eventually(() -> otlp.trace("aaaabbbbccccddddeeeeffff00001111"), s -> assertThat(s).isNotEmpty());
        Thread.sleep(300);
        assertThat(otlp.spans().size() - before).isEqualTo(otlp.trace("aaaabbbbccccddddeeeeffff00001111").size());
    }

    @Test
    void otherFormatsAreReadAndWritten() {
        String aws = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        expect(200, t.postJson(t.proxy("/plain"), CHAT, "X-Amzn-Trace-Id", aws));
        RecordedRequest up = lastUpstream();
        // preserve: written back as AWS, with the gateway's span as parent; and as B3
        assertThat(up.header("x-amzn-trace-id").orElseThrow()).startsWith("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=")
                .doesNotContain("53995c3f42cd8ad8");
        assertThat(up.header("x-b3-traceid")).contains("5759e988bd862e3fe1be46a994272793");
        List<OtlpReceiver.Received> spans = eventually(() -> otlp.trace("5759e988bd862e3fe1be46a994272793"),
                s -> assertThat(s).anyMatch(x -> x.kind() == Span.SpanKind.SPAN_KIND_CLIENT));
        OtlpReceiver.Received server = single(spans, s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(server.parentSpanId()).isEqualTo("53995c3f42cd8ad8");
        OtlpReceiver.Received upstream = single(spans, s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(upstream.name()).isEqualTo("POST");
        assertThat(upstream.attr("server.address")).isEqualTo("127.0.0.1");
        assertThat(upstream.attr("http.response.status_code")).isEqualTo("200");
    }

    @Test
    void aTraceReadFromAnotherFormatIsTheOneRecordedAndAForgedTraceparentIsNot() {
        String b3Trace = "80f198ee56343ba864fe8b2a57d3eff7";
        // the client sends a b3 context and a (forged) traceparent in another version the plugin does not read
        expect(200, t.postJson(t.proxy("/traced/v1/chat/completions"), CHAT, "b3", b3Trace + "-e457b5a2e4d86bd1-1",
                "traceparent", "01-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-e457b5a2e4d86bd1-01"));
        JsonNode usage = json(expect(200, t.get(t.admin("/usage?size=1")))).get("data").get(0);
        assertThat(usage.get("trace_id").asText()).isEqualTo(b3Trace);
        JsonNode logged = eventually(() -> json(expect(200, t.get(t.admin("/requests?route=traced&size=1")))).get("data"),
                d -> assertThat(d.get(0).get("trace_id").asText()).isEqualTo(b3Trace)).get(0);
        assertThat(logged.get("trace_id").asText()).isEqualTo(b3Trace);
        eventually(() -> otlp.trace(b3Trace), s -> assertThat(s).isNotEmpty());
    }

    @Test
    void aClientThatAsksNotToBeTracedIsNot() {
        int before = otlp.spans().size();
        expect(200, t.postJson(t.proxy("/traced/v1/chat/completions"), CHAT, "b3", "0"));
        assertThat(lastUpstream().header("traceparent").orElseThrow()).endsWith("-00");
        assertThat(otlp.spans().size()).isEqualTo(before);
    }

    @Test
    void badConfigurationIsRefusedNamingTheField() {
        String bad = json(expect(400, t.sendJson("POST", t.admin("/plugins"),
                "{\"name\":\"opentelemetry\",\"config\":{\"traces_endpoint\":\"collector:4318\"}}"))).toString();
        assertThat(bad).contains("traces_endpoint");
        bad = json(expect(400, t.sendJson("POST", t.admin("/plugins"), "{\"name\":\"opentelemetry\",\"config\":{"
                + "\"traces_endpoint\":\"http://c:4318/v1/traces\",\"propagation\":{\"extract\":[\"zipkin\"]}}}"))).toString();
        assertThat(bad).contains("propagation.extract");
        bad = json(expect(400, t.sendJson("POST", t.admin("/plugins"), "{\"name\":\"opentelemetry\",\"config\":{"
                + "\"traces_endpoint\":\"http://c:4318/v1/traces\",\"sampling_rate\":1.5}}"))).toString();
        assertThat(bad).contains("sampling_rate");
        bad = json(expect(400, t.sendJson("POST", t.admin("/plugins"), "{\"name\":\"opentelemetry\",\"config\":{}}"))).toString();
        assertThat(bad).contains("traces_endpoint");
        bad = json(expect(400, t.sendJson("POST", t.admin("/plugins"), "{\"name\":\"opentelemetry\",\"config\":{"
                + "\"traces_endpoint\":\"http://c:99999/v1/traces\"}}"))).toString();
        assertThat(bad).contains("traces_endpoint");
        bad = json(expect(400, t.sendJson("POST", t.admin("/plugins"), "{\"name\":\"opentelemetry\",\"config\":{"
                + "\"traces_endpoint\":\"http://c:4318/v1/traces\",\"headers\":{\"Host\":\"x\"}}}"))).toString();
        assertThat(bad).contains("headers");
        bad = json(expect(400, t.sendJson("POST", t.admin("/plugins"), "{\"name\":\"opentelemetry\",\"config\":{"
                + "\"traces_endpoint\":\"http://c:4318/v1/traces\",\"headers\":{\"x-key\":\"a\\r\\nb\"}}}"))).toString();
        assertThat(bad).contains("headers");
        bad = json(expect(400, t.sendJson("POST", t.admin("/plugins"), "{\"name\":\"opentelemetry\",\"config\":{"
                + "\"traces_endpoint\":\"http://c:4318/v1/traces\",\"http_response_header_for_traceid\":\"Content-Length\"}}"))).toString();
        assertThat(bad).contains("http_response_header_for_traceid");
    }

    @Test
    void aCollectorThatHangsCostsTheRequestsNothingAndItsSpansAreDroppedAndCounted(@TempDir Path dir) throws Exception {
        try (ServerSocket blackhole = new ServerSocket(0)) {
            List<Socket> held = new ArrayList<>();
            Thread accept = Thread.ofVirtual().start(() -> {
                while (!blackhole.isClosed()) {
                    try {
                        held.add(blackhole.accept()); // accepted, never answered
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            try (TestGateway g = TestGateway.start("h2", dir)) {
                AiRoutes.create(g, "hung", "/hung", AiRoutes.openAi(g.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
                AiRoutes.create(g, "bare", "/bare", AiRoutes.openAi(g.mock.baseUrl() + "/v1/chat/completions", "gpt-4o"));
                expect(201, g.sendJson("POST", g.admin("/routes/hung/plugins"), "{\"name\":\"opentelemetry\",\"config\":{"
                        + "\"traces_endpoint\":\"http://127.0.0.1:" + blackhole.getLocalPort() + "/v1/traces\","
                        + "\"queue\":{\"max_entries\":20,\"max_batch_size\":5,\"max_coalescing_delay\":0.01}}}"));
                for (int i = 0; i < 5; i++) { // warm both routes
                    expect(200, g.postJson(g.proxy("/bare/v1/chat/completions"), CHAT));
                    expect(200, g.postJson(g.proxy("/hung/v1/chat/completions"), CHAT));
                }
                long bare = median(g, "/bare/v1/chat/completions");
                long hung = median(g, "/hung/v1/chat/completions");
                assertThat(hung).as("median ms with a hung collector vs without").isLessThan(bare * 3 + 20);
                Exposition m = eventually(() -> Exposition.of(expect(200, g.get(g.admin("/metrics"))).body()),
                        e -> assertThat(e.sum("tollgate_otel_spans_dropped_total", "reason", "queue_full")).isPositive());
                assertThat(m.sum("tollgate_otel_spans_exported_total")).isZero();
            } finally {
                blackhole.close();
                accept.join();
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    private static long median(TestGateway g, String path) {
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long t0 = System.nanoTime();
            expect(200, g.postJson(g.proxy(path), CHAT));
            ms.add((System.nanoTime() - t0) / 1_000_000);
        }
        return ms.stream().sorted().toList().get(10);
    }

    private static OtlpReceiver.Received single(List<OtlpReceiver.Received> spans,
                                                java.util.function.Predicate<OtlpReceiver.Received> which) {
        List<OtlpReceiver.Received> found = spans.stream().filter(which).toList();
        assertThat(found).as("spans: " + spans.stream().map(OtlpReceiver.Received::name).collect(Collectors.joining(", ")))
                .hasSize(1);
        return found.getFirst();
    }

}
