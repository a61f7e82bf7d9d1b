package dev.tollgate.host.it;

import static dev.tollgate.host.it.Exposition.eventually;
import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on a real gateway under traffic: Kong's families with Kong's labels from
 * the {@code prometheus} plugin, the node's own families, the JVM's, on the Admin API and the
 * status listener; plugin failures and script call times; bounded consumer labels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    private static final String ALL = "{\"name\":\"prometheus\",\"config\":{\"per_consumer\":true,\"status_code_metrics\":true,"
            + "\"latency_metrics\":true,\"bandwidth_metrics\":true,\"upstream_health_metrics\":true,\"ai_metrics\":true}}";
    TestGateway t;

    @BeforeAll
    void start(@TempDir Path dir) {
        t = TestGateway.start("h2", dir);
        expect(201, t.sendJson("POST", t.admin("/plugins"), ALL));
        route("plain", "/plain", t.mock.baseUrl() + "/v1/chat/completions");
        route("locked", "/locked", t.mock.baseUrl() + "/v1/chat/completions");
        expect(201, t.postForm(t.admin("/routes/locked/plugins"), "name=key-auth"));
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private void route(String name, String path, String url) {
        expect(201, t.postForm(t.admin("/services"), "name=" + name, "url=" + url));
        expect(201, t.postForm(t.admin("/services/" + name + "/routes"), "name=" + name, "paths[]=" + path));
    }

    private HttpResponse<String> post(String path, String... headers) {
        return t.postJson(t.proxy(path), CHAT, headers);
    }

    private Exposition scrape() {
        HttpResponse<String> res = expect(200, t.get(t.admin("/metrics")));
        assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        return Exposition.of(res.body());
    }

    @Test
    void servedOnTheAdminApiAndTheStatusListenerWithTheNodeAndJvmFamilies() {
        Exposition admin = scrape();
        HttpResponse<String> status = expect(200, t.get("http://127.0.0.1:" + t.gateway.statusPort() + "/metrics"));
        Exposition onStatus = Exposition.of(status.body());
        for (Exposition e : new Exposition[] {admin, onStatus}) {
            assertThat(e.sum("tollgate_datastore_reachable")).isEqualTo(1);
            assertThat(e.samples("tollgate_node_info")).singleElement()
                    .satisfies(s -> assertThat(s.labels()).containsKeys("node_id", "version"));
            assertThat(e.samples("jvm_memory_used_bytes")).isNotEmpty();
            assertThat(e.samples("process_cpu_seconds_total")).isNotEmpty();
            assertThat(e.samples("tollgate_memory_lua_shared_dict_total_bytes")).isNotEmpty();
        }
        assertThat(t.sendJson("POST", t.admin("/metrics"), "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void requestsAreCountedByServiceRouteCodeAndSource() {
        route("counted", "/counted", t.mock.baseUrl() + "/v1/chat/completions");
        for (int i = 0; i < 5; i++) {
            expect(200, post("/counted"));
        }
        expect(503, post("/counted", "X-Mock-Status", "503"));
        expect(503, post("/counted", "X-Mock-Status", "503"));
        for (int i = 0; i < 3; i++) {
            expect(401, post("/locked"));
        }
        // The log phase records a request's families one after another, and a scrape reads them one
        // after another: a scrape can fall between two, so every figure is awaited, not only one.
        eventually(this::scrape, m -> {
            assertThat(m.sum("tollgate_http_requests_total", "route", "counted")).isEqualTo(7);
            assertThat(m.sum("tollgate_http_requests_total", "route", "locked")).isEqualTo(3);
            assertThat(m.sum("tollgate_kong_latency_ms_count", "route", "locked")).isEqualTo(3);
            assertThat(m.sum("tollgate_http_requests_total", "service", "counted", "route", "counted", "code", "200",
                    "source", "service", "workspace", "default", "consumer", "")).isEqualTo(5);
            assertThat(m.sum("tollgate_http_requests_total", "route", "counted", "code", "503", "source", "service")).isEqualTo(2);
            // key-auth answered: the gateway is the source
            assertThat(m.sum("tollgate_http_requests_total", "route", "locked", "code", "401", "source", "kong")).isEqualTo(3);
            assertThat(m.sum("tollgate_bandwidth_bytes", "route", "counted", "direction", "ingress")).isGreaterThan(7 * CHAT.length());
            assertThat(m.sum("tollgate_bandwidth_bytes", "route", "counted", "direction", "egress")).isGreaterThan(5 * 100);
            assertThat(m.sum("tollgate_request_latency_ms_count", "route", "counted")).isEqualTo(7);
            assertThat(m.sum("tollgate_upstream_latency_ms_count", "route", "counted")).isEqualTo(7);
            assertThat(m.sum("tollgate_kong_latency_ms_count", "route", "counted")).isEqualTo(7);
            // no upstream answered key-auth's refusals
            assertThat(m.sum("tollgate_upstream_latency_ms_count", "route", "locked")).isZero();
            assertThat(m.sum("tollgate_kong_latency_ms_bucket", "route", "counted", "le", "+Inf")).isEqualTo(7);
            assertThat(m.sum("tollgate_nginx_requests_total")).isGreaterThanOrEqualTo(10);
            assertThat(m.sum("tollgate_nginx_connections_total", "state", "total")).isGreaterThanOrEqualTo(10);
        });
    }

    @Test
    void openMetricsScrapesCarryTheRequestsTraceAsExemplars() {
        route("exemplars", "/exemplars", t.mock.baseUrl() + "/v1/chat/completions");
        String trace = "0af7651916cd43dd8448eb211c80319c";
        expect(200, post("/exemplars", "traceparent", "00-" + trace + "-b7ad6b7169203331-01"));
        eventually(() -> {
            HttpResponse<String> res = expect(200, t.send(java.net.http.HttpRequest.newBuilder(URI.create(t.admin("/metrics")))
                    .header("Accept", "application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5").build()));
            assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("application/openmetrics-text");
            assertThat(res.body()).containsPattern("tollgate_request_latency_ms_bucket\\{[^}]*route=\"exemplars\"[^}]*} 1 # "
                    + "\\{span_id=\"b7ad6b7169203331\",trace_id=\"" + trace + "\"}");
            assertThat(res.body()).endsWith("# EOF\n");
        });
        // Prometheus's text format has no exemplars
        assertThat(scrape().text()).doesNotContain(trace);
    }

    @Test
    void consumersPastTheLimitShareTheOverflowLabel() {
        route("crowd", "/crowd", t.mock.baseUrl() + "/v1/chat/completions");
        expect(201, t.postForm(t.admin("/routes/crowd/plugins"), "name=key-auth"));
        expect(201, t.sendJson("POST", t.admin("/routes/crowd/plugins"), "{\"name\":\"prometheus\",\"config\":"
                + "{\"per_consumer\":true,\"status_code_metrics\":true,\"consumer_label_limit\":3}}"));
        for (int i = 0; i < 20; i++) {
            expect(201, t.postForm(t.admin("/consumers"), "username=crowd-" + i));
            expect(201, t.postForm(t.admin("/consumers/crowd-" + i + "/key-auth"), "key=crowd-key-" + i));
        }
        for (int i = 0; i < 20; i++) {
            expect(200, post("/crowd", "apikey", "crowd-key-" + i));
        }
        Exposition m = eventually(this::scrape,
                e -> assertThat(e.sum("tollgate_http_requests_total", "route", "crowd")).isEqualTo(20));
        assertThat(m.samples("tollgate_http_requests_total").stream().filter(s -> s.labels().get("route").equals("crowd")))
                .hasSizeLessThanOrEqualTo(4);
        assertThat(m.sum("tollgate_http_requests_total", "route", "crowd", "consumer", "overflow")).isGreaterThanOrEqualTo(17);
    }

    @Test
    void aClientNamedModelCannotGrowTheMetrics() {
        // a route whose ai-proxy takes the client's model: names are refused past 256 characters or with
        // control characters, and past 500 distinct models the label is 'overflow'
        dev.tollgate.host.it.ai.AiRoutes.create(t, "anymodel", "/anymodel", "{\"route_type\":\"llm/v1/chat\","
                + "\"model\":{\"provider\":\"openai\",\"options\":{\"upstream_url\":\"" + t.mock.baseUrl()
                + "/v1/chat/completions\"}}}");
        String huge = "m".repeat(100_000);
        assertThat(expect(400, t.postJson(t.proxy("/anymodel/v1/chat/completions"),
                "{\"model\":\"" + huge + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).body()).contains("'model'");
        assertThat(expect(400, t.postJson(t.proxy("/anymodel/v1/chat/completions"),
                "{\"model\":\"a\\nb\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).body()).contains("'model'");
        expect(200, t.postJson(t.proxy("/anymodel/v1/chat/completions"),
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(scrape().text()).doesNotContain(huge.substring(0, 300));
    }

    @Test
    void badConfigurationIsRefusedNamingTheField() {
        JsonNode bad = json(expect(400, t.sendJson("POST", t.admin("/plugins"),
                "{\"name\":\"prometheus\",\"route\":{\"name\":\"plain\"},\"config\":{\"per_consumer\":\"maybe\"}}")));
        assertThat(bad.toString()).contains("per_consumer");
        JsonNode zero = json(expect(400, t.postForm(t.admin("/routes/plain/plugins"), "name=prometheus",
                "config.consumer_label_limit=0")));
        assertThat(zero.toString()).contains("consumer_label_limit");
        JsonNode unknown = json(expect(400, t.postForm(t.admin("/routes/plain/plugins"), "name=prometheus",
                "config.status_codes=true")));
        assertThat(unknown.toString()).contains("status_codes");
    }

    @Test
    void pluginFailuresAreCountedByPluginAndPhase() {
        route("throws", "/throws", t.mock.baseUrl() + "/v1/chat/completions");
        expect(201, t.postForm(t.admin("/routes/throws/plugins"), "name=test-throw", "config.phase=access"));
        expect(500, post("/throws"));
        expect(500, post("/throws"));
        eventually(this::scrape, e -> assertThat(e.sum("tollgate_plugin_errors_total", "plugin", "test-throw",
                "phase", "access")).isEqualTo(2));
    }

    @Test
    void scriptPluginCallsAreTimed() {
        route("scripted", "/scripted", t.mock.baseUrl() + "/v1/chat/completions");
        String source = "export const name = 'stamp';\nexport const schema = {};\n"
                + "export function access(ctx, config) { ctx.upstream.setHeader('X-Stamp', 'one'); }\n";
        expect(201, t.sendJson("POST", t.admin("/script-plugins"), ScriptPluginTest.body(source)));
        expect(201, t.postForm(t.admin("/routes/scripted/plugins"), "name=stamp"));
        for (int i = 0; i < 3; i++) {
            expect(200, post("/scripted"));
        }
        Exposition m = eventually(this::scrape, e -> assertThat(e.sum("tollgate_plugin_js_call_ms_count", "plugin", "stamp",
                "phase", "access")).isEqualTo(3));
        assertThat(m.sum("tollgate_plugin_js_call_ms_sum", "plugin", "stamp")).isPositive();
    }

    @Test
    void upstreamTargetsAreListedWithTheirHealthState() {
        expect(201, t.postForm(t.admin("/upstreams"), "name=pool"));
        expect(201, t.postForm(t.admin("/upstreams/pool/targets"), "target=127.0.0.1:" + URI.create(t.mock.baseUrl()).getPort()));
        Exposition m = scrape();
        assertThat(m.sum("tollgate_upstream_target_health", "upstream", "pool", "state", "healthchecks_off")).isEqualTo(1);
        assertThat(m.sum("tollgate_upstream_target_health", "upstream", "pool", "state", "healthy")).isZero();
    }

    @Test
    void statusShowsRequestCountsAndExactLatencyPercentiles() {
        expect(200, post("/plain"));
        // percentiles are folded in every second
        JsonNode status = eventually(() -> json(expect(200, t.get(t.admin("/status")))),
                st -> assertThat(st.at("/latency_ms/last_minute/count").asLong()).isPositive());
        assertThat(status.at("/server/total_requests").asLong()).isPositive();
        assertThat(status.at("/latency_ms/since_start/count").asLong()).isPositive();
        assertThat(status.at("/latency_ms/since_start/p99").asDouble())
                .isGreaterThanOrEqualTo(status.at("/latency_ms/since_start/p50").asDouble()).isPositive();
    }

    @Test
    void thePrefixIsKongsWhenAsked(@TempDir Path dir) {
        try (TestGateway kong = TestGateway.start(TestGateway.config("h2", dir, "--metrics.prefix=kong"))) {
            expect(201, kong.sendJson("POST", kong.admin("/plugins"), ALL));
            expect(201, kong.postForm(kong.admin("/services"), "name=s", "url=" + kong.mock.baseUrl() + "/v1/chat/completions"));
            expect(201, kong.postForm(kong.admin("/services/s/routes"), "name=r", "paths[]=/r"));
            expect(200, kong.sendJson("POST", kong.proxy("/r"), CHAT));
            // The log phase records the families one after another, and a scrape reads them one after
            // another: one scrape can come between two, so wait until the last of them is in.
            Exposition m = eventually(() -> Exposition.of(expect(200, kong.get(kong.admin("/metrics"))).body()),
                    e -> assertThat(List.of(e.sum("kong_kong_latency_ms_count", "route", "r"),
                            e.sum("kong_request_latency_ms_count", "route", "r"),
                            e.sum("kong_upstream_latency_ms_count", "route", "r"))).containsOnly(1.0));
            assertThat(m.sum("kong_http_requests_total", "route", "r", "code", "200")).isEqualTo(1);
            // the families Kong's official dashboard (Grafana 7424) queries
            assertThat(m.sum("kong_kong_latency_ms_count", "route", "r")).isEqualTo(1);
            assertThat(m.sum("kong_request_latency_ms_count", "route", "r")).isEqualTo(1);
            assertThat(m.sum("kong_upstream_latency_ms_count", "route", "r")).isEqualTo(1);
            assertThat(m.sum("kong_bandwidth_bytes", "route", "r", "direction", "egress")).isPositive();
            assertThat(m.samples("kong_nginx_connections_total")).isNotEmpty();
            assertThat(m.samples("kong_memory_workers_lua_vms_bytes")).isNotEmpty();
            assertThat(m.samples("tollgate_http_requests_total")).isEmpty();
        }
    }
}
