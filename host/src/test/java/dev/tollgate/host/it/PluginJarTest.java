package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import dev.tollgate.sdk.SdkVersion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party plugin (docs/examples/hello-plugin), compiled against the SDK,
 * dropped into plugins/ of a running gateway, enabled, then replaced by a new version.
 */
class PluginJarTest {
    private static final Path EXAMPLE = locateExample();

    @TempDir
    Path dir;

    @Test
    void aDroppedJarIsLoadedWithoutARestartAndReplacedByANewVersion() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (TestGateway t = TestGateway.start("h2", dir, "--plugins-dir=" + plugins)) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/hello"));
            expect(400, t.postForm(t.admin("/plugins"), "name=hello-header")); // not there yet

            install(buildJar("1.0.0"), plugins.resolve("hello-plugin.jar"));
            waitFor(() -> t.get(t.admin("/plugins/enabled")).body().contains("hello-header"));
            expect(201, t.postForm(t.admin("/plugins"), "name=hello-header", "config.greeting=hi"));
            var res = expect(200, t.get(t.proxy("/hello")));
            assertThat(res.headers().firstValue("x-hello")).contains("hi (v1.0.0)");
            assertThat(json(res).get("headers").get("x-hello").asText()).isEqualTo("hi (v1.0.0)");

            install(buildJar("2.0.0"), plugins.resolve("hello-plugin.jar"));
            waitFor(() -> t.get(t.proxy("/hello")).headers().firstValue("x-hello").orElse("").equals("hi (v2.0.0)"));
            assertThat(json(expect(200, t.get(t.admin("/plugins/enabled")))).get("plugins").toString())
                    .contains("\"name\":\"hello-header\",\"version\":\"2.0.0\"");

            Files.delete(plugins.resolve("hello-plugin.jar"));
            // A configured plugin that disappears fails closed: its requests get 500, not a silent pass.
            waitFor(() -> t.get(t.proxy("/hello")).statusCode() == 500);
        }
    }

    @Test
    void versionedJarNamesHandOverToTheHigherVersionAndBack() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (TestGateway t = TestGateway.start("h2", dir, "--plugins-dir=" + plugins);
             LogCapture log = LogCapture.of("dev.tollgate.host.plugins.PluginJars")) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/hello"));
            // Dropped and configured at once: the gateway looks at plugins/ again before saying no.
            install(buildJar("1.0.0"), plugins.resolve("hello-plugin-1.0.0.jar"));
            expect(201, t.postForm(t.admin("/plugins"), "name=hello-header", "config.greeting=hi"));
            assertThat(t.get(t.proxy("/hello")).headers().firstValue("x-hello")).contains("hi (v1.0.0)");

            // Maven names the next build hello-plugin-2.0.0.jar: it lands beside 1.0.0, and serves.
            install(buildJar("2.0.0"), plugins.resolve("hello-plugin-2.0.0.jar"));
            waitFor(() -> t.get(t.proxy("/hello")).headers().firstValue("x-hello").orElse("").equals("hi (v2.0.0)"));
            assertThat(log.all()).anyMatch(m -> m.contains("hello-header 2.0.0 from hello-plugin-2.0.0.jar takes over from 1.0.0"));

            Files.delete(plugins.resolve("hello-plugin-2.0.0.jar")); // rolled back: 1.0.0 serves again
            waitFor(() -> t.get(t.proxy("/hello")).headers().firstValue("x-hello").orElse("").equals("hi (v1.0.0)"));
            assertThat(log.all()).anyMatch(m -> m.contains("hello-header 1.0.0 from hello-plugin-1.0.0.jar takes over from 2.0.0"));
        }
    }

    @Test
    void aJarBuiltAgainstANewerSdkIsRefusedNamingBothVersions() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (TestGateway t = TestGateway.start("h2", dir, "--plugins-dir=" + plugins)) {
            install(buildJar("1.0.0", "99.1.0"), plugins.resolve("hello-plugin.jar"));
            var refused = expect(400, t.postForm(t.admin("/plugins"), "name=hello-header"));
            assertThat(refused.body()).contains("hello-plugin.jar did not load").contains("tollgate-sdk 99.1.0")
                    .contains(SdkVersion.current());
            var enabled = json(expect(200, t.get(t.admin("/plugins/enabled"))));
            assertThat(enabled.get("enabled_plugins").toString()).doesNotContain("hello-header");
            assertThat(enabled.get("load_errors").get(0).get("file").asText()).isEqualTo("hello-plugin.jar");
            assertThat(enabled.get("load_errors").get(0).get("message").asText())
                    .contains("newer than this gateway's " + SdkVersion.current());
            assertThat(enabled.get("load_errors").get(0).get("previous_version_active").asBoolean()).isFalse();

            install(buildJar("1.0.0", SdkVersion.current()), plugins.resolve("hello-plugin.jar")); // rebuilt: loads
            expect(201, t.postForm(t.admin("/plugins"), "name=hello-header"));
            assertThat(json(t.get(t.admin("/plugins/enabled"))).get("load_errors")).isEmpty();
        }
    }

    /** Copies through a temporary name and a move, as deployment tools do. */
    private static void install(Path jar, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path buildJar(String version) throws IOException {
        return buildJar(version, SdkVersion.current());
    }

    /**
     * Compiles the example's sources (with its version set to {@code version}) into a plugin jar
     * whose manifest says it was built against {@code sdkVersion}, as the example's POM writes it.
     */
    private Path buildJar(String version, String sdkVersion) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        Path classes = Files.createTempDirectory(dir, "classes");
        List<String> files = new ArrayList<>();
        Path main = EXAMPLE.resolve("src/main/java");
        try (Stream<Path> walk = Files.walk(main)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path copy = src.resolve(main.relativize(p).toString());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, Files.readString(p).replace("VERSION = \"1.0.0\"", "VERSION = \"" + version + "\""));
                files.add(copy.toString());
            }
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "--release", "21", "-proc:none"));
        args.addAll(files);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).as("example plugin compiles against the SDK").isZero();
        Path jar = dir.resolve("hello-plugin-" + version + "-" + sdkVersion + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(SdkVersion.MANIFEST_ATTRIBUTE, sdkVersion);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    j.write(Files.readAllBytes(p));
                }
            }
            Path services = EXAMPLE.resolve("src/main/resources/META-INF/services/dev.tollgate.sdk.PluginFactory");
            j.putNextEntry(new JarEntry("META-INF/services/dev.tollgate.sdk.PluginFactory"));
            j.write(Files.readString(services).getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static Path locateExample() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("docs/examples/hello-plugin");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/examples/hello-plugin not found above " + Path.of("").toAbsolutePath());
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(100);
        }
    }
}
