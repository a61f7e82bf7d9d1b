package dev.tollgate.host.it;

import static dev.tollgate.host.it.TestGateway.expect;
import static dev.tollgate.host.it.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.sdk.SdkVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin files that are wrong in every way a file can be: each is its own problem, listed under
 * load_errors, and never stops the gateway from starting, the other files from loading, or the
 * configuration from changing.
 */
class PluginFileProblemsTest {
    @TempDir
    Path dir;

    /** A factory named {@code name}, with a body for its constructor and for create(). */
    private static String factory(String pkg, String name, String version, String constructor, String create) {
        return "package " + pkg + ";\n"
                + "import dev.tollgate.sdk.*; import dev.tollgate.sdk.config.*; import java.util.Set;\n"
                + "public final class F implements PluginFactory {\n"
                + "  public F() { " + constructor + " }\n"
                + "  public String name() { return " + name + "; }\n"
                + "  public String version() { return " + version + "; }\n"
                + "  public int priority() { return 700; }\n"
                + "  public Set<Phase> phases() { return Set.of(Phase.ACCESS); }\n"
                + "  public ConfigSchema configSchema() { return ConfigSchema.builder().build(); }\n"
                + "  public Plugin create(PluginConfig c) { " + create + " }\n"
                + "}\n";
    }

    /** Compiles {@code sources} (class name → source) into a plugin jar, leaving out the classes in {@code omit}. */
    private Path jar(String file, Map<String, String> sources, String services, List<String> omit) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        Path classes = Files.createTempDirectory(dir, "classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "--release", "17", "-proc:none"));
        for (var e : sources.entrySet()) {
            Path p = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
            args.add(p.toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(SdkVersion.MANIFEST_ATTRIBUTE, SdkVersion.current());
        Path jar = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String entry = classes.relativize(p).toString().replace('\\', '/');
                if (omit.stream().noneMatch(o -> entry.equals(o.replace('.', '/') + ".class"))) {
                    j.putNextEntry(new JarEntry(entry));
                    j.write(Files.readAllBytes(p));
                }
            }
            j.putNextEntry(new JarEntry("META-INF/services/dev.tollgate.sdk.PluginFactory"));
            j.write(services.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private Path good(String file, String name) throws IOException {
        String pkg = "good." + name.replace("-", "");
        return jar(file, Map.of(pkg + ".F", factory(pkg, "\"" + name + "\"", "\"1.0.0\"", "",
                "return new Plugin() { public void access(PluginContext ctx) { ctx.upstreamRequest().setHeader(\"X-" + name
                        + "\", \"yes\"); } };")), pkg + ".F\n", List.of());
    }

    private static JsonNode problem(TestGateway t, String file) {
        for (JsonNode p : json(t.get(t.admin("/plugins/enabled"))).get("load_errors")) {
            if (p.get("file").asText().equals(file)) {
                return p;
            }
        }
        throw new AssertionError("no load error for " + file + ": " + t.get(t.admin("/plugins/enabled")).body());
    }

    @Test
    void brokenFilesAreListedAndEverythingElseLoads() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(good("good.jar", "good-one"), plugins.resolve("good.jar"));
        Files.copy(jar("ctor.jar", Map.of("bad.ctor.F", factory("bad.ctor", "\"ctor-boom\"", "\"1.0.0\"",
                "throw new IllegalStateException(\"boom in the constructor\");", "return null;")), "bad.ctor.F\n", List.of()),
                plugins.resolve("ctor.jar"));
        Files.copy(jar("noclass.jar", Map.of("bad.none.F", factory("bad.none", "\"none\"", "\"1.0.0\"", "", "return null;")),
                "bad.none.DoesNotExist\n", List.of()), plugins.resolve("noclass.jar"));
        Files.copy(jar("nullversion.jar", Map.of("bad.nv.F", factory("bad.nv", "\"null-version\"", "null", "", "return null;")),
                "bad.nv.F\n", List.of()), plugins.resolve("nullversion.jar"));
        Files.copy(jar("keyauth.jar", Map.of("bad.ka.F", factory("bad.ka", "\"key-auth\"", "\"9.0.0\"", "", "return null;")),
                "bad.ka.F\n", List.of()), plugins.resolve("keyauth.jar"));
        Files.createSymbolicLink(plugins.resolve("dangling.jar"), dir.resolve("nowhere/x.jar"));

        try (TestGateway t = TestGateway.start("h2", dir, "--plugins-dir=" + plugins)) { // starts: no file stops it
            assertThat(problem(t, "ctor.jar").get("message").asText()).contains("cannot be created").contains("boom in the constructor");
            assertThat(problem(t, "noclass.jar").get("message").asText()).contains("cannot be created").contains("DoesNotExist");
            assertThat(problem(t, "nullversion.jar").get("message").asText()).contains("version() is null");
            assertThat(problem(t, "keyauth.jar").get("message").asText()).contains("'key-auth' is a built-in's");
            assertThat(problem(t, "dangling.jar").get("message").asText()).contains("cannot be read");

            // The watcher keeps going: a file added now loads, and is configured at once.
            Files.copy(good("later.jar", "later-one"), plugins.resolve("later.jar"));
            expect(201, t.postForm(t.admin("/plugins"), "name=later-one"));
            expect(201, t.postForm(t.admin("/plugins"), "name=good-one"));
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/e"));
            JsonNode headers = json(expect(200, t.get(t.proxy("/e")))).get("headers");
            assertThat(headers.get("x-later-one").asText()).isEqualTo("yes");
            assertThat(headers.get("x-good-one").asText()).isEqualTo("yes");
            assertThat(json(t.get(t.admin("/plugins/enabled"))).get("enabled_plugins").toString())
                    .doesNotContain("ctor-boom", "null-version").contains("key-auth"); // the built-in, untouched
        }
    }

    @Test
    void aPluginWhoseClassIsMissingFailsItsRequestsNotTheConfiguration() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        String create = "return new Missing();";
        String missing = "package bad.missing; import dev.tollgate.sdk.*; public final class Missing implements Plugin {}";
        Files.copy(jar("missing.jar", Map.of("bad.missing.F", factory("bad.missing", "\"missing-class\"", "\"1.0.0\"", "", create),
                "bad.missing.Missing", missing), "bad.missing.F\n", List.of("bad.missing.Missing")), plugins.resolve("missing.jar"));
        try (TestGateway t = TestGateway.start("h2", dir, "--plugins-dir=" + plugins)) {
            expect(201, t.postForm(t.admin("/services"), "name=echo", "url=" + t.mock.baseUrl() + "/echo/x"));
            expect(201, t.postForm(t.admin("/services/echo/routes"), "name=r", "paths[]=/e"));
            expect(201, t.postForm(t.admin("/routes/r/plugins"), "name=missing-class"));
            assertThat(t.get(t.proxy("/e")).statusCode()).isEqualTo(500); // fails closed
            // The configuration still changes and applies.
            expect(201, t.postForm(t.admin("/services/echo/routes"), "paths[]=/other"));
            expect(200, t.get(t.proxy("/other")));
        }
        try (TestGateway again = TestGateway.start("h2", dir, "--plugins-dir=" + plugins)) { // and the gateway starts again
            assertThat(again.get(again.proxy("/e")).statusCode()).isEqualTo(500);
            expect(201, again.postForm(again.admin("/consumers"), "username=after-restart"));
        }
    }
}
