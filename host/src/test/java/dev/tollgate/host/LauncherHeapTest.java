package dev.tollgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.tollgate.host.config.ConfigLoader;
import dev.tollgate.host.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap a user asks for with {@code jvm.heap} reaches the JVM: the launcher ({@code ./tollgate
 * jvm-flags}, what {@code ./tollgate start} runs with) reads it from the same places as the
 * gateway, and the gateway says so when it runs with another heap than the one asked for.
 */
class LauncherHeapTest {
    private static final Path LAUNCHER = Path.of("..", "tollgate").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The launcher's answer: exit code and what it printed. */
    private record Run(int exit, String out) {}

    private Run flags(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "jvm-flags"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("TOLLGATE_HEAP");
        pb.environment().remove("TOLLGATE_JVM_HEAP");
        pb.environment().remove("TOLLGATE_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Run(p.waitFor(), out);
    }

    private String heap(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Run r = flags(env, args);
        assertThat(r.exit()).as(r.out()).isZero();
        return List.of(r.out().split("\\s+")).stream().filter(f -> f.startsWith("-Xmx")).findFirst().orElseThrow();
    }

    @Test
    void theDefaultFitsA512MiBContainer() throws Exception {
        assertThat(heap(Map.of())).isEqualTo("-Xmx192m");
    }

    @Test
    void flagThenEnvironmentThenYamlAsForEveryKey() throws Exception {
        Files.writeString(dir.resolve("tollgate.yaml"), "proxy:\n  port: 9000\njvm:\n  heap: \"300MiB\"  # for the batch jobs\nadmin:\n  port: 9001\n");
        assertThat(heap(Map.of())).isEqualTo("-Xmx300m");
        assertThat(heap(Map.of("TOLLGATE_JVM_HEAP", "1GiB"))).isEqualTo("-Xmx1024m");
        assertThat(heap(Map.of("TOLLGATE_HEAP", "2g", "TOLLGATE_JVM_HEAP", "1GiB"))).isEqualTo("-Xmx2048m");
        assertThat(heap(Map.of("TOLLGATE_HEAP", "2g"), "--jvm.heap", "640MB")).isEqualTo("-Xmx640m");
        assertThat(heap(Map.of(), "--proxy.port=1", "--jvm.heap=256M")).isEqualTo("-Xmx256m");
        Path other = Files.writeString(dir.resolve("other.yaml"), "jvm.heap: 768MiB\n");
        assertThat(heap(Map.of(), "--config", other.toString())).isEqualTo("-Xmx768m");
    }

    @Test
    void g1UnlessTheUserChoseACollector() throws Exception {
        assertThat(flags(Map.of()).out()).contains("-XX:+UseG1GC");
        // The JVM refuses to start with two collectors: the user's choice in TOLLGATE_JAVA_OPTS wins.
        Run zgc = flags(Map.of("TOLLGATE_JAVA_OPTS", "-XX:+UseZGC -Xlog:gc"));
        assertThat(zgc.exit()).isZero();
        assertThat(zgc.out()).doesNotContain("UseG1GC").contains("-Xmx192m");
    }

    @Test
    void aBadValueStopsTheStartNamingTheKey() throws Exception {
        Run tooSmall = flags(Map.of(), "--jvm.heap=32m");
        assertThat(tooSmall.exit()).isEqualTo(2);
        assertThat(tooSmall.out()).isEqualTo("tollgate: configuration error: jvm.heap: '32m' (expected: at least 64MiB)");
        Run garbage = flags(Map.of("TOLLGATE_HEAP", "plenty"));
        assertThat(garbage.exit()).isEqualTo(2);
        assertThat(garbage.out()).contains("jvm.heap: 'plenty' (expected: a size");
    }

    @Test
    void theGatewayWarnsWhenItsHeapIsNotTheOneAskedFor() {
        GatewayConfig asked = ConfigLoader.load(List.of("--jvm.heap=256MiB"), Map.of(), dir);
        assertThat(TollgateMain.heapWarning(asked, 250L << 20)).isEmpty();
        assertThat(TollgateMain.heapWarning(asked, 6L << 30)).hasValueSatisfying(w -> assertThat(w)
                .contains("jvm.heap is 256 MiB").contains("heap limit is 6144 MiB").contains("./tollgate start"));
        GatewayConfig unset = ConfigLoader.load(List.of(), Map.of(), dir);
        assertThat(unset.jvmHeap()).isEqualTo(OptionalLong.empty());
        assertThat(TollgateMain.heapWarning(unset, 6L << 30)).isEmpty();
    }
}
