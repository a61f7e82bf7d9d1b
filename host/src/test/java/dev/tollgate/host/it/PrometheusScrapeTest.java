package dev.tollgate.host.it;

import static dev.tollgate.host.it.Exposition.eventually;
import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.host.it.ai.AiRoutes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server scrapes a gateway under traffic from its status listener; the
 * Grafana dashboard shipped in {@code docs/grafana/} is then evaluated query by query through
 * Prometheus's HTTP API. Every query must run, and its totals tables must show the traffic sent:
 * requests per route and code, tokens per model and cost as {@code GET /usage} has them.
 */
class PrometheusScrapeTest {
    private static final String DASHBOARD = "docs/grafana/tollgate-dashboard.json";
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"Count my tokens %s\"}]}";

    @Test
    void theDashboardsQueriesShowTheTrafficSent(@TempDir Path dir) throws Exception {
        try (TestGateway t = TestGateway.start("h2", dir.resolve("gw"))) {
            Files.createDirectories(dir.resolve("prom"));
            try (PrometheusServer prometheus = PrometheusServer.scraping("127.0.0.1:" + t.gateway.statusPort(),
                    dir.resolve("prom"), "PrometheusScrapeTest")) {
                expect(201, t.sendJson("POST", t.admin("/plugins"), "{\"name\":\"prometheus\",\"config\":{"
                        + "\"status_code_metrics\":true,\"latency_metrics\":true,\"bandwidth_metrics\":true,\"ai_metrics\":true}}"));
                expect(201, t.postForm(t.admin("/services"), "name=plain", "url=" + t.mock.baseUrl() + "/v1/chat/completions"));
                expect(201, t.postForm(t.admin("/services/plain/routes"), "name=plain", "paths[]=/plain"));
                String url = t.mock.baseUrl() + "/v1/chat/completions";
                AiRoutes.create(t, "big", "/big", AiRoutes.openAi(url, "gpt-4o"));
                AiRoutes.create(t, "mini", "/mini", AiRoutes.openAi(url, "gpt-4o-mini"));

                // One request first, seen by a scrape, so that the rest make the rates rise.
                expect(200, t.sendJson("POST", t.proxy("/plain"), CHAT.formatted("first")));
                awaitShown(prometheus, "sum(tollgate_http_requests_total)", 1);
                for (int i = 1; i < 6; i++) {
                    expect(200, t.sendJson("POST", t.proxy("/plain"), CHAT.formatted(i)));
                }
                for (int i = 0; i < 2; i++) {
                    expect(503, t.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.proxy("/plain")))
                            .header("X-Mock-Status", "503").POST(java.net.http.HttpRequest.BodyPublishers.ofString(CHAT)).build()));
                }
                for (int i = 0; i < 3; i++) {
                    expect(200, t.sendJson("POST", t.proxy("/big/v1/chat/completions"), CHAT.formatted(i)));
                }
                expect(200, t.sendJson("POST", t.proxy("/mini/v1/chat/completions"), CHAT.formatted("mini")));
                expect(200, t.sendJson("POST", t.proxy("/mini/v1/chat/completions"), "{\"stream\":true,\"stream_options\":"
                        + "{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"stream\"}]}"));

                eventually(() -> Exposition.of(expect(200, t.get(t.admin("/metrics"))).body()), e -> {
                    assertThat(e.sum("tollgate_request_latency_ms_count")).isEqualTo(13);
                    assertThat(e.sum("tollgate_ai_llm_requests_total")).isEqualTo(5);
                });
                awaitShown(prometheus, "sum(tollgate_request_latency_ms_count)", 13);
                awaitShown(prometheus, "sum(tollgate_ai_llm_requests_total)", 5);

                Map<String, JsonNode> byTitle = new HashMap<>();
                for (Map.Entry<String, String> q : queries().entrySet()) {
                    byTitle.merge(q.getKey(), prometheus.query(q.getValue()), (a, b) -> a); // every query runs
                }
                JsonNode rps = prometheus.query(queries().get("Requests per second#0"));
                assertThat(rps).isNotEmpty();
                assertThat(rps.get(0).path("value").get(1).asDouble()).isPositive();

                JsonNode requests = byTitle.get("Requests by route and code (since the nodes started)#0");
                assertThat(value(requests, "route", "plain", "code", "200")).isEqualTo(6);
                assertThat(value(requests, "route", "plain", "code", "503")).isEqualTo(2);
                assertThat(value(requests, "route", "big", "code", "200")).isEqualTo(3);
                assertThat(value(requests, "route", "mini", "code", "200")).isEqualTo(2);

                JsonNode usage = json(expect(200, t.get(t.admin("/usage?group_by=model")))).get("data");
                JsonNode tokens = byTitle.get("Tokens by model (since the nodes started)#0");
                JsonNode cost = byTitle.get("Cost by model (since the nodes started)#0");
                assertThat(usage).hasSize(2);
                for (JsonNode g : usage) {
                    String model = g.get("model").asText();
                    for (String type : new String[] {"prompt_tokens", "completion_tokens", "total_tokens"}) {
                        assertThat(value(tokens, "ai_model", model, "token_type", type)).as(model + " " + type)
                                .isEqualTo(g.get(type).asDouble());
                    }
                    assertThat(value(cost, "ai_model", model)).isCloseTo(g.get("cost").asDouble(), within(1e-12));
                }
            }
        }
    }

    /** Waits until Prometheus's last scrape shows {@code expected}: its first comes seconds after its start. */
    private static void awaitShown(PrometheusServer prometheus, String promql, double expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!prometheus.shows(promql, expected)) {
            assertThat(System.nanoTime()).as(promql + " reaches " + expected + " within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Every target of the dashboard, keyed "panel title#index", with Grafana's variables filled in. */
    private static Map<String, String> queries() throws Exception {
        JsonNode dashboard = TestGateway.JSON.readTree(Files.readString(locate(DASHBOARD)));
        Map<String, String> out = new java.util.LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(panels::add);
        for (JsonNode p : panels) {
            int i = 0;
            for (JsonNode target : p.get("targets")) {
                out.put(p.get("title").asText() + "#" + i++, target.get("expr").asText()
                        .replace("$instance", ".*").replace("$__rate_interval", "1m").replace("$__range", "1h"));
            }
        }
        assertThat(out).hasSizeGreaterThan(10);
        return out;
    }

    /** The value of the one series whose labels include {@code labels} (pairs). */
    private static double value(JsonNode result, String... labels) {
        List<Double> found = new ArrayList<>();
        for (JsonNode series : result) {
            boolean match = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                match &= labels[i + 1].equals(series.path("metric").path(labels[i]).asText());
            }
            if (match) {
                found.add(series.path("value").get(1).asDouble());
            }
        }
        assertThat(found).as("series " + String.join(",", labels) + " in " + result).hasSize(1);
        return found.getFirst();
    }

    private static Path locate(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found");
    }
}
