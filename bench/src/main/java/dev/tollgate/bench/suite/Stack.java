package dev.tollgate.bench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes a suite run measures, each on free loopback ports: the mock LLM, nginx in front
 * of it, and a Tollgate gateway (built jars, the launcher's JVM flags, an empty H2 data dir and a
 * plugins dir holding the JS sanitizer). Configures the gateway's routes through its Admin API,
 * as an operator would. Closing it stops them all.
 */
final class Stack implements AutoCloseable {
    static final String API_KEY = "bench-key-0123456789";

    private final Path root;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Launched> started = new ArrayList<>();
    private final List<String> gatewayJvmFlags = new ArrayList<>();
    final int mockPort;
    final int nginxPort;
    final int proxyPort;
    final int adminPort;
    Launched mock;
    Launched nginx;
    Launched gateway;

    Stack(Path root, Path work) throws IOException {
        this.root = root;
        this.work = work;
        this.mockPort = Launched.freePort();
        this.nginxPort = Launched.freePort();
        this.proxyPort = Launched.freePort();
        this.adminPort = Launched.freePort();
    }

    /** Starts the mock with {@code tokenDelayMs} between streamed tokens (answers that do not stream are not delayed). */
    void startMock(int tokenDelayMs) throws IOException, InterruptedException {
        Path jar = need(root.resolve("mock-llm/target/tollgate-mock-llm.jar"));
        mock = launch("mock-llm", java(List.of(), jar, "dev.tollgate.mockllm.MockLlmMain",
                "--host", "127.0.0.1", "--port", String.valueOf(mockPort), "--token-delay-ms", String.valueOf(tokenDelayMs)));
        mock.awaitPort(mockPort, Duration.ofSeconds(60));
    }

    /** nginx as a plain reverse proxy to the mock, upstream connections kept alive. */
    void startNginx() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("nginx"));
        Files.writeString(dir.resolve("nginx.conf"), NginxConf.render(dir, nginxPort, mockPort));
        nginx = launch("nginx", List.of(BenchSuite.tool("nginx"), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()));
        nginx.awaitPort(nginxPort, Duration.ofSeconds(20));
    }

    /** The gateway, with the JS sanitizer in its plugins dir. */
    void startGateway() throws IOException, InterruptedException {
        Path jar = need(root.resolve("host/target/tollgate-host.jar"));
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(need(root.resolve("script-plugins/examples/pii-masker.js")), plugins.resolve("pii-masker.js"));
        gatewayJvmFlags.addAll(jitFlags());
        gateway = launch("gateway", java(gatewayJvmFlags, jar, "dev.tollgate.host.TollgateMain",
                "--proxy.host=127.0.0.1", "--proxy.port=" + proxyPort, "--admin.port=" + adminPort, "--status.port=off", "--ui.port=off",
                "--data-dir=" + Files.createDirectories(work.resolve("data")), "--plugins-dir=" + plugins));
        gateway.awaitPort(adminPort, Duration.ofSeconds(120));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!admin("GET", "/plugins/enabled", null).contains("\"pii-masker\"")) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the gateway did not load pii-masker.js:\n" + gateway.tail());
            }
            Thread.sleep(100);
        }
    }

    /** JVM flags the gateway runs with, as the launcher gives them. */
    List<String> gatewayJvmFlags() {
        return List.copyOf(gatewayJvmFlags);
    }

    /** An Admin API call; fails on anything but 2xx. */
    String admin(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IOException("admin " + method + " " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return res.body();
    }

    private Launched launch(String name, List<String> command) throws IOException {
        Launched l = Launched.start(name, command, work, work.resolve(name + ".log"));
        started.add(l);
        return l;
    }

    /** The command that runs {@code main} from a module's jar and its copied libraries, as the launcher does. */
    static List<String> java(List<String> flags, Path jar, String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", jar + ":" + jar.getParent().resolve("lib") + "/*", main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The Graal compiler on the upgrade module path, so GraalJS runs compiled (the launcher's jit_opts). */
    private List<String> jitFlags() throws IOException {
        Path dir = root.resolve("script-plugins/target/jvmci");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> jars = Files.list(dir)) {
            String path = String.join(":", jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList());
            return path.isEmpty() ? List.of()
                    : List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=" + path);
        }
    }

    private static Path need(Path file) {
        if (!Files.exists(file)) {
            throw new UncheckedIOException(new IOException(file + " is missing: build first (./tollgate build)"));
        }
        return file;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
