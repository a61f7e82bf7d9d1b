package dev.tollgate.host.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus} server, started for a test: it scrapes one target every second
 * into a fresh data directory, and answers PromQL through its HTTP API. Without the binary the
 * test is skipped, naming itself; under {@code CI=true} it fails ({@code .ci/run} installs it).
 */
final class PrometheusServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server that scrapes {@code target} (host:port) at {@code /metrics}. */
    static PrometheusServer scraping(String target, Path dir, String test) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            String message = test + " skipped: " + BINARY + " is not installed (apt-get install prometheus; .ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: the Prometheus test must run)");
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: tollgate
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(p, port);
        server.awaitReady(dir);
        return server;
    }

    private void awaitReady(Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base() + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("prometheus did not get ready in 30 s: " + Files.readString(dir.resolve("prometheus.log")));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** An instant PromQL query; the {@code data.result} array. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = TestGateway.JSON.readTree(res.body());
        if (res.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("query " + promql + " failed: " + res.body());
        }
        return body.path("data").path("result");
    }

    /** True when {@code promql}, a query with one result, evaluates to {@code expected} now. */
    boolean shows(String promql, double expected) throws IOException, InterruptedException {
        JsonNode r = query(promql);
        return !r.isEmpty() && r.get(0).path("value").get(1).asDouble() == expected;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
