package dev.tollgate.host.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.db.TestDatabases;
import dev.tollgate.host.Gateway;
import dev.tollgate.host.config.ConfigLoader;
import dev.tollgate.host.config.GatewayConfig;
import dev.tollgate.mockllm.MockLlm;

/**
 * A real gateway on random ports, in one storage mode, beside a mock LLM; and a real HTTP
 * client to talk to both. Tests call the Admin API the way curl does.
 */
public final class TestGateway implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    public final MockLlm mock;
    public final Gateway gateway;
    public final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestGateway(MockLlm mock, Gateway gateway) {
        this.mock = mock;
        this.gateway = gateway;
    }

    /** {@code mode}: "h2" (a fresh file database under {@code dir}) or "postgres" (a fresh schema). */
    public static TestGateway start(String mode, Path dir, String... flags) {
        return start(config(mode, dir, flags));
    }

    /** A gateway on a configuration the test built itself, e.g. several nodes sharing one database. */
    public static TestGateway start(GatewayConfig config) {
        MockLlm mock = MockLlm.builder().port(0).tokenDelay(Duration.ofMillis(20)).build().start();
        try {
            return new TestGateway(mock, Gateway.start(config));
        } catch (RuntimeException e) {
            mock.stop();
            throw e;
        }
    }

    public static GatewayConfig config(String mode, Path dir, String... flags) {
        List<String> all = new java.util.ArrayList<>(List.of(flags));
        if (all.stream().noneMatch(f -> f.startsWith("--plugins-warm-up"))) {
            all.add("--plugins-warm-up=false"); // a second of CPU per gateway that few tests load scripts in
        }
        GatewayConfig config = ConfigLoader.load(all, Map.of(), dir).withPorts(0, 0, 0);
        if (mode.equals("postgres")) {
            config = config.withDatabase(TestDatabases.postgres().settings());
        }
        return config;
    }

    public String admin(String path) {
        return "http://127.0.0.1:" + gateway.adminPort() + path;
    }

    public String proxy(String path) {
        return "http://127.0.0.1:" + gateway.proxyPort() + path;
    }

    /** POST a form body, as {@code curl --data "a=b" --data "c=d"}. */
    public HttpResponse<String> postForm(String url, String... pairs) {
        String body = String.join("&", java.util.Arrays.stream(pairs).map(TestGateway::encodePair).toList());
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> sendJson(String method, String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** POST a JSON body with extra headers (pairs: name, value, ...). */
    public HttpResponse<String> postJson(String url, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A {@code data:} line of a server-sent event stream and when it arrived (ms after the request was sent). */
    public record SseLine(long arrivedMs, String line) {}

    /** Sends {@code request} and reads its event stream line by line, timing each {@code data:} line. */
    public List<SseLine> sse(HttpRequest request) {
        long start = System.nanoTime();
        List<SseLine> lines = new java.util.ArrayList<>();
        try {
            HttpResponse<java.io.InputStream> res = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() != 200) {
                throw new AssertionError("expected 200 but got " + res.statusCode());
            }
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(res.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        lines.add(new SseLine((System.nanoTime() - start) / 1_000_000, line));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return lines;
    }

    /** Creates a service for the mock's chat endpoint and a route to it; returns the route path. */
    public String chatRoute(String serviceName, String routePath) {
        expect(201, postForm(admin("/services"), "name=" + serviceName, "url=" + mock.baseUrl() + "/v1/chat/completions"));
        expect(201, postForm(admin("/services/" + serviceName + "/routes"), "paths[]=" + routePath));
        return routePath;
    }

    public static JsonNode json(HttpResponse<String> res) {
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + res.statusCode() + "): " + res.body(), e);
        }
    }

    public static HttpResponse<String> expect(int status, HttpResponse<String> res) {
        if (res.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + res.statusCode() + ": " + res.body());
        }
        return res;
    }

    private static String encodePair(String pair) {
        int eq = pair.indexOf('=');
        return java.net.URLEncoder.encode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            mock.stop();
        }
    }
}
