package dev.tollgate.plugins.filelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.commons.json.PlainJson;
import dev.tollgate.sdk.Phase;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.testkit.FakePluginContext;

class FileLogPluginTest {
    @TempDir
    Path dir;

    static Plugin plugin(Map<String, ?> config) {
        FileLogPluginFactory factory = new FileLogPluginFactory();
        return factory.create(factory.configSchema().validate(config));
    }

    static FakePluginContext logged(Plugin plugin, String path) {
        FakePluginContext ctx = FakePluginContext.builder().path(path).upstreamResponse(200, Map.of()).build();
        plugin.log(ctx.in(Phase.LOG));
        return ctx;
    }

    static List<Map<String, Object>> entries(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            out.add(PlainJson.object(line)); // fails on a broken or interleaved line
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static String uri(Map<String, Object> entry) {
        return (String) ((Map<String, Object>) entry.get("request")).get("uri");
    }

    @Test
    void createsTheFileAndAppendsOneLinePerRequest() throws IOException {
        Path file = dir.resolve("access.log");
        Plugin plugin = plugin(Map.of("path", file.toString()));

        FakePluginContext first = logged(plugin, "/one");
        logged(plugin, "/two");

        assertThat(entries(file)).extracting(FileLogPluginTest::uri).containsExactly("/one", "/two");
        assertThat(first.logLines()).isEmpty();
    }

    @Test
    void appendsToWhatIsThere() throws IOException {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "{\"earlier\":true}\n");

        logged(plugin(Map.of("path", file.toString())), "/later");

        assertThat(entries(file)).hasSize(2).first().isEqualTo(Map.of("earlier", true));
    }

    @Test
    void addsCustomFields() throws IOException {
        Path file = dir.resolve("access.log");

        logged(plugin(Map.of("path", file.toString(), "custom_fields", Map.of("env", "prod"))), "/x");

        assertThat(entries(file).getFirst()).containsEntry("env", "prod").containsKey("request");
    }

    @Test
    void concurrentRequestsNeverInterleaveLines() throws Exception {
        Path file = dir.resolve("busy.log");
        // Two instances on one path (two routes, say) share the writer.
        List<Plugin> plugins = List.of(plugin(Map.of("path", file.toString())),
                plugin(Map.of("path", dir.resolve(".").resolve("busy.log").toString())));
        int threads = 8;
        int perThread = 100;
        // Long lines, so that a torn write would show.
        String longPath = "/" + "x".repeat(8_000);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        logged(plugins.get(thread % 2), longPath + "/" + thread + "-" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }

        List<Map<String, Object>> entries = entries(file);
        assertThat(entries).hasSize(threads * perThread);
        Set<String> uris = new HashSet<>();
        entries.forEach(e -> uris.add(uri(e)));
        assertThat(uris).hasSize(threads * perThread);
    }

    @Test
    void withoutReopenARotatedFileKeepsGettingTheLines() throws IOException {
        Path file = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        Plugin plugin = plugin(Map.of("path", file.toString()));

        logged(plugin, "/before");
        Files.move(file, rotated);
        logged(plugin, "/after");

        assertThat(file).doesNotExist();
        assertThat(entries(rotated)).extracting(FileLogPluginTest::uri).containsExactly("/before", "/after");
    }

    @Test
    void withReopenLogRotationIsFollowed() throws IOException {
        Path file = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        Plugin plugin = plugin(Map.of("path", file.toString(), "reopen", true));

        logged(plugin, "/before");
        Files.move(file, rotated);
        logged(plugin, "/after");

        assertThat(entries(rotated)).extracting(FileLogPluginTest::uri).containsExactly("/before");
        assertThat(entries(file)).extracting(FileLogPluginTest::uri).containsExactly("/after");
    }

    @Test
    void aFailedWriteIsLoggedNotThrown() {
        Path notAFile = dir; // a directory cannot be opened for appending
        Plugin plugin = plugin(Map.of("path", notAFile.toString()));

        FakePluginContext ctx = logged(plugin, "/x");

        assertThat(ctx.logLines()).singleElement().asString()
                .startsWith("ERROR " + FileLogPlugin.WRITE_FAILED + notAFile);
        assertThat(logged(plugin(Map.of("path", dir.resolve("missing/dir/a.log").toString())), "/y").logLines())
                .singleElement().asString().startsWith("ERROR " + FileLogPlugin.WRITE_FAILED);
    }

    @Test
    void aFileThatBecomesWritableIsWrittenAgain() throws IOException {
        Path sub = dir.resolve("later");
        Path file = sub.resolve("a.log");
        Plugin plugin = plugin(Map.of("path", file.toString()));

        assertThat(logged(plugin, "/lost").logLines()).hasSize(1);
        Files.createDirectory(sub);
        assertThat(logged(plugin, "/kept").logLines()).isEmpty();

        assertThat(entries(file)).extracting(FileLogPluginTest::uri).containsExactly("/kept");
    }
}
