package dev.tollgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.host.Gateway;
import dev.tollgate.host.config.ConfigLoader;
import dev.tollgate.host.config.GatewayConfig;
import dev.tollgate.mockllm.MockLlm;
import dev.tollgate.sdk.PluginFactory;

/**
 * A real Tollgate gateway in this JVM — embedded H2 in a temporary directory, random ports —
 * beside a mock LLM, for a plugin's integration tests. The plugins on the class path (the
 * plugin under test, through its {@code META-INF/services} file) are installed like built-ins;
 * plugin files ({@code .jar}, {@code .js}) can be dropped into its plugins directory with
 * {@link #installPlugin(Path)}. Usually started by {@link TollgateExtension}.
 *
 * <pre>{@code
 * String route = tollgate.echoRoute("/hello");
 * tollgate.configure("/plugins", "name=hello-header", "config.greeting=hi");
 * HttpResponse<String> res = tollgate.get(tollgate.proxy(route));
 * assertEquals("hi", res.headers().firstValue("X-Hello").orElseThrow());
 * }</pre>
 */
public final class Tollgate implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The web server's and the schema migrations' INFO lines, quieted to warnings unless the test
     * configures logging itself; held here so that the levels stay set.
     */
    private static final List<java.util.logging.Logger> QUIETED = quiet("io.helidon", "org.flywaydb");

    private final Path dir;
    private final MockLlm mock;
    private final Gateway gateway;
    private final PluginLog log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Tollgate(Path dir, MockLlm mock, Gateway gateway, PluginLog log) {
        this.dir = dir;
        this.mock = mock;
        this.gateway = gateway;
        this.log = log;
    }

    /**
     * Starts a gateway and a mock LLM. {@code flags} are the gateway's own
     * ({@code --proxy.max-body-size=1MiB}, see docs/configuration.md); ports are always random.
     */
    public static Tollgate start(String... flags) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tollgate-test");
            Files.createDirectories(dir.resolve("plugins"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(List.of("--data-dir=" + dir.resolve("data"), "--plugins-dir=" + dir.resolve("plugins")));
        all.addAll(Arrays.asList(flags));
        refuseTakenNames();
        GatewayConfig config = ConfigLoader.load(all, Map.of(), dir).withPorts(0, 0, 0);
        PluginLog log = PluginLog.attach();
        MockLlm mock = MockLlm.builder().port(0).build().start();
        try {
            return new Tollgate(dir, mock, Gateway.start(config), log);
        } catch (RuntimeException e) {
            mock.stop();
            log.close();
            throw e;
        }
    }

    private static List<java.util.logging.Logger> quiet(String... names) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return List.of();
        }
        List<java.util.logging.Logger> loggers = new ArrayList<>();
        for (String name : names) {
            java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
            l.setLevel(java.util.logging.Level.WARNING);
            loggers.add(l);
        }
        return loggers;
    }

    /**
     * A plugin under test that takes a built-in's name would be skipped in a real gateway (a
     * plugin file cannot replace a built-in): say so now rather than test the built-in instead.
     */
    private static void refuseTakenNames() {
        Map<String, String> tollgates = new java.util.HashMap<>();
        List<PluginFactory> others = new ArrayList<>();
        for (PluginFactory f : java.util.ServiceLoader.load(PluginFactory.class)) {
            if (f.getClass().getName().startsWith("dev.tollgate.")) {
                tollgates.put(f.name(), f.getClass().getName());
            } else {
                others.add(f);
            }
        }
        for (PluginFactory f : others) {
            if (tollgates.containsKey(f.name())) {
                throw new IllegalStateException("plugin " + f.getClass().getName() + ": name '" + f.name() + "' is a built-in's ("
                        + tollgates.get(f.name()) + "); a plugin cannot replace a built-in: choose another name");
            }
        }
    }

    /** The URL of {@code path} on the gateway's proxy. */
    public String proxy(String path) {
        return "http://127.0.0.1:" + gateway.proxyPort() + path;
    }

    /** The URL of {@code path} on the gateway's Admin API. */
    public String admin(String path) {
        return "http://127.0.0.1:" + gateway.adminPort() + path;
    }

    /**
     * The mock LLM: OpenAI, Anthropic, Gemini and Ollama endpoints that answer as those providers
     * do, and {@code /echo/**}, which answers with the request it got as JSON. It records every
     * request ({@link MockLlm#takeRequest}).
     */
    public MockLlm mockLlm() {
        return mock;
    }

    /** The directory the gateway watches for plugin files. */
    public Path pluginsDir() {
        return dir.resolve("plugins");
    }

    /**
     * Calls the Admin API with a form body ({@code "name=key-auth"}, {@code "config.minute=5"},
     * {@code "paths[]=/x"}, as {@code curl --data} does) and returns the entity it answered.
     *
     * @throws AssertionError when the answer is not a 2xx, with its status and body
     */
    public JsonNode configure(String adminPath, String... formPairs) {
        return json(expect2xx(postForm(admin(adminPath), formPairs)));
    }

    /**
     * A service for the mock's echo endpoint and a route to it at {@code routePath}: a request
     * there is answered with what the upstream received (method, path, headers, body) as JSON.
     * The service and the route are both named after the path ({@code /team/a} makes
     * {@code team-a}), so that plugins can be put on either:
     * {@code configure("/routes/team-a/plugins", "name=my-plugin")}.
     */
    public String echoRoute(String routePath) {
        return route(routePath, mock.baseUrl() + "/echo/");
    }

    /** A service for the mock's OpenAI chat endpoint and a route to it at {@code routePath}, named as by {@link #echoRoute}. */
    public String chatRoute(String routePath) {
        return route(routePath, mock.baseUrl() + "/v1/chat/completions");
    }

    private String route(String routePath, String url) {
        String name = nameOf(routePath);
        configure("/services", "name=" + name, "url=" + url);
        configure("/services/" + name + "/routes", "name=" + name, "paths[]=" + routePath);
        return routePath;
    }

    /** {@code /team/a} → {@code team-a}: the names {@link #echoRoute} gives. */
    public static String nameOf(String routePath) {
        String n = routePath.replaceAll("^/+|/+$", "").replaceAll("[^A-Za-z0-9._~-]+", "-");
        return n.isEmpty() ? "root" : n;
    }

    /**
     * Copies a plugin file (a jar, a {@code .js}) into the plugins directory and returns once the
     * gateway loaded it.
     *
     * @throws AssertionError when the file does not load, with the gateway's reason
     */
    public void installPlugin(Path file) {
        String name = file.getFileName().toString();
        int from = log.mark(); // a file installed again under the same name: only its new load counts
        try {
            Path tmp = pluginsDir().resolve(name + ".tmp");
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, pluginsDir().resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            String failure = log.failure(name, from);
            if (failure != null) {
                throw new AssertionError(name + " did not load: " + failure);
            }
            JsonNode enabled = json(get(admin("/plugins/enabled")));
            for (JsonNode plugin : enabled.path("plugins")) {
                if (log.loaded(plugin.path("name").asText(), name, from)) {
                    return;
                }
            }
            sleep(100);
        }
        throw new AssertionError(name + " was not loaded within 15 s");
    }

    /**
     * What plugin {@code name} logged ({@code ctx.log()}, a script's {@code ctx.log}), oldest
     * first. Logging is the JVM's: with test classes run in parallel, a plugin name two gateways
     * share collects the lines of both.
     */
    public List<String> pluginLog(String name) {
        return log.lines(name);
    }

    public HttpResponse<String> get(String url, String... headers) {
        return send(request(url, headers).GET().build());
    }

    /** POSTs a form body, as {@code curl --data "a=b" --data "c=d"}. */
    public HttpResponse<String> postForm(String url, String... pairs) {
        String body = String.join("&", Arrays.stream(pairs).map(Tollgate::encodePair).toList());
        return send(request(url, "Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** POSTs a JSON body; {@code headers} are name, value pairs. */
    public HttpResponse<String> postJson(String url, String json, String... headers) {
        return send(request(url, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON. @throws AssertionError when it is not JSON */
    public static JsonNode json(HttpResponse<String> res) {
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + res.statusCode() + "): " + res.body(), e);
        }
    }

    private static HttpResponse<String> expect2xx(HttpResponse<String> res) {
        if (res.statusCode() / 100 != 2) {
            throw new AssertionError(res.request().method() + " " + res.uri().getPath() + ": expected 2xx but got "
                    + res.statusCode() + ": " + res.body());
        }
        return res;
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers: name, value pairs (got " + headers.length + " strings)");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static String encodePair(String pair) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("form field '" + pair + "' (expected: name=value)");
        }
        return URLEncoder.encode(pair.substring(0, eq), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the gateway and the mock, and deletes the temporary directory. */
    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            mock.stop();
            log.close();
            http.close();
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it up eventually
        }
    }
}
