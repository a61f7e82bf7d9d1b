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

    /** The gateway, with the JS sanitizer in its plugins dir and the launcher's JVM flags. */
    void startGateway() throws IOException, InterruptedException {
        startGateway(List.of(), true);
    }

    /**
     * The gateway with the launcher's JVM flags plus {@code extraFlags}; {@code jit} false leaves out
     * the Graal compiler for GraalJS (JavaScript then runs interpreted), as a JVM with an AOT cache needs.
     */
    void startGateway(List<String> extraFlags, boolean jit) throws IOException, InterruptedException {
        Path jar = need(root.resolve("host/target/tollgate-host.jar"));
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(need(root.resolve("script-plugins/examples/pii-masker.js")), plugins.resolve("pii-masker.js"));
        gatewayJvmFlags.clear();
        gatewayJvmFlags.addAll(launcherFlags().stream().filter(f -> jit || !isJitFlag(f)).toList());
        gatewayJvmFlags.addAll(extraFlags);
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

    private static boolean isJitFlag(String flag) {
        return flag.equals("-XX:+UnlockExperimentalVMOptions") || flag.equals("-XX:+EnableJVMCI")
                || flag.startsWith("--upgrade-module-path=");
    }

    /** Stops the gateway as SIGTERM does, waiting up to {@code grace} for it to exit (an AOT cache is written then). */
    void stopGateway(Duration grace) throws InterruptedException {
        gateway.stop(grace);
        started.remove(gateway);
    }

    /** The JVM flags {@code ./tollgate start} gives the gateway (heap, collector, the Graal compiler for GraalJS). */
    private List<String> launcherFlags() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", root.resolve("tollgate").toString(), "jvm-flags")
                .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IOException("./tollgate jvm-flags failed (exit " + p.exitValue() + ")");
        }
        return List.of(out.split("\\s+"));
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
