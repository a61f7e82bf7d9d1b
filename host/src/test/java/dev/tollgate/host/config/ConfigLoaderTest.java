package dev.tollgate.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How defaults, tollgate.yaml, TOLLGATE_* variables and flags combine, and how mistakes are reported. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private GatewayConfig load(Map<String, String> env, String... args) {
        return ConfigLoader.load(List.of(args), env, dir);
    }

    private void yaml(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    /** The message a user sees when the start fails. */
    private String failure(Map<String, String> env, String... args) {
        Throwable e = catchThrowable(() -> load(env, args));
        assertThat(e).isInstanceOf(ConfigException.class);
        return e.getMessage();
    }

    @Test
    void defaultsWithNothingSet() {
        GatewayConfig c = load(Map.of());
        assertThat(c.proxyHost()).isEqualTo("0.0.0.0");
        assertThat(c.proxyPort()).isEqualTo(8000);
        assertThat(c.adminHost()).isEqualTo("127.0.0.1");
        assertThat(c.adminPort()).isEqualTo(8001);
        assertThat(c.adminToken()).isEmpty();
        assertThat(c.database().type()).isEqualTo("h2");
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.database().jdbcUrl()).startsWith("jdbc:h2:file:" + dir.toAbsolutePath().resolve("data"));
        assertThat(c.maxBodySize()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.tlsEnabled()).isFalse();
        assertThat(c.configPollInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void maxConnectionsIsAutoOrAPositiveNumber() {
        assertThat(load(Map.of()).proxyMaxConnections()).isEqualTo(GatewayConfig.AUTO);
        assertThat(load(Map.of(), "--proxy.max-connections=5000").proxyMaxConnections()).isEqualTo(5000);
        assertThat(failure(Map.of(), "--proxy.max-connections=0")).contains("proxy.max-connections: '0' (expected: auto or a number >= 1)");
        assertThat(failure(Map.of(), "--proxy.max-connections=lots")).contains("proxy.max-connections: 'lots'");
        assertThat(failure(Map.of(), "--plugins-warm-up=maybe")).contains("plugins-warm-up: 'maybe' (expected: true or false)");
    }

    @Test
    void readsNestedKeysFromTollgateYamlInTheWorkDir() throws IOException {
        yaml("tollgate.yaml", """
                proxy:
                  port: 7000
                  max-body-size: 512KiB
                admin:
                  port: 7001
                cluster:
                  poll-interval: 250ms
                """);
        GatewayConfig c = load(Map.of());
        assertThat(c.proxyPort()).isEqualTo(7000);
        assertThat(c.maxBodySize()).isEqualTo(512L * 1024);
        assertThat(c.adminPort()).isEqualTo(7001);
        assertThat(c.configPollInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void environmentSetsPortsAndPostgres() {
        GatewayConfig c = load(Map.of("TOLLGATE_PROXY_PORT", "8100",
                "TOLLGATE_DATABASE", "postgres",
                "TOLLGATE_DATABASE_URL", "jdbc:postgresql://db.internal:5432/tollgate"));
        assertThat(c.proxyPort()).isEqualTo(8100);
        assertThat(c.database().type()).isEqualTo("postgres");
        assertThat(c.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/tollgate");
    }

    @Test
    void flagsOverrideEnvironmentWhichOverridesYaml() throws IOException {
        yaml("tollgate.yaml", "proxy:\n  port: 7000\nadmin:\n  port: 7001\n");
        Map<String, String> env = Map.of("TOLLGATE_PROXY_PORT", "7500", "TOLLGATE_ADMIN_PORT", "7501");

        assertThat(load(Map.of()).proxyPort()).isEqualTo(7000);
        assertThat(load(env).proxyPort()).isEqualTo(7500);
        assertThat(load(env).adminPort()).isEqualTo(7501);

        // Both flag spellings: --key=value and --key value.
        GatewayConfig c = load(env, "--proxy.port=9000", "--admin.port", "9001");
        assertThat(c.proxyPort()).isEqualTo(9000);
        assertThat(c.adminPort()).isEqualTo(9001);
    }

    @Test
    void configFlagNamesAnotherFileInsteadOfTollgateYaml() throws IOException {
        yaml("tollgate.yaml", "proxy:\n  port: 7000\n");
        yaml("other.yaml", "proxy:\n  port: 7200\n");
        assertThat(load(Map.of(), "--config", "other.yaml").proxyPort()).isEqualTo(7200);
        assertThat(load(Map.of(), "--config=other.yaml").proxyPort()).isEqualTo(7200);
    }

    @ParameterizedTest
    @CsvSource({"512KiB, 524288", "1MiB, 1048576", "1048576, 1048576", "2KB, 2048", "1GiB, 1073741824"})
    void sizesTakeBinaryUnits(String text, long bytes) {
        assertThat(load(Map.of(), "--proxy.max-body-size=" + text).maxBodySize()).isEqualTo(bytes);
    }

    @Test
    void unknownYamlKeyIsNamed() throws IOException {
        yaml("tollgate.yaml", "proxy:\n  prot: 7000\n");
        assertThat(failure(Map.of())).contains("unknown key 'proxy.prot'").contains("tollgate.yaml");
    }

    @Test
    void adminOriginsAndHostsTakeAYamlListOrCommas() throws IOException {
        yaml("tollgate.yaml", "admin:\n  allowed-origins:\n    - https://admin.example.com\n    - http://localhost:3000\n");
        assertThat(load(Map.of()).adminAllowedOrigins()).containsExactly("https://admin.example.com", "http://localhost:3000");
        assertThat(load(Map.of("TOLLGATE_ADMIN_ALLOWED_HOSTS", "a.internal, b.internal")).adminAllowedHosts())
                .containsExactly("a.internal", "b.internal");
        assertThat(failure(Map.of(), "--admin.allowed-origins=admin.example.com"))
                .contains("admin.allowed-origins: 'admin.example.com'").contains("expected: an origin");
    }

    @Test
    void unknownFlagIsNamed() {
        assertThat(failure(Map.of(), "--proxy.prot=9000")).contains("unknown flag '--proxy.prot'");
    }

    @Test
    void badPortIsNamed() {
        assertThat(failure(Map.of(), "--proxy.port=70000")).contains("proxy.port").contains("70000");
        assertThat(failure(Map.of("TOLLGATE_ADMIN_PORT", "eighty"))).contains("admin.port").contains("eighty");
    }

    @Test
    void badSizeIsNamed() {
        assertThat(failure(Map.of(), "--proxy.max-body-size=ten megs")).contains("proxy.max-body-size").contains("ten megs");
        assertThat(failure(Map.of(), "--proxy.max-body-size=0")).contains("proxy.max-body-size");
    }

    @Test
    void postgresWithoutUrlIsNamed() {
        assertThat(failure(Map.of("TOLLGATE_DATABASE", "postgres"))).contains("database.url");
    }

    @Test
    void adminBeyondLoopbackNeedsAToken() {
        assertThat(failure(Map.of(), "--admin.host=0.0.0.0")).contains("admin.host").contains("admin.token");
        assertThat(load(Map.of("TOLLGATE_ADMIN_TOKEN", "s3cret"), "--admin.host=0.0.0.0").adminToken()).contains("s3cret");
    }

    @Test
    void theAdminUiListensOnLoopbackAndBeyondItOnlyWithAToken() throws IOException {
        GatewayConfig defaults = load(Map.of());
        assertThat(defaults.ui().host()).isEqualTo("127.0.0.1");
        assertThat(defaults.ui().port()).isEqualTo(8002);
        assertThat(load(Map.of(), "--ui.port=off").ui().enabled()).isFalse();
        assertThat(failure(Map.of(), "--ui.host=0.0.0.0")).contains("ui.host").contains("admin.token").contains("ui.port=off");
        assertThat(load(Map.of("TOLLGATE_ADMIN_TOKEN", "s3cret"), "--ui.host=0.0.0.0").ui().host()).isEqualTo("0.0.0.0");
        assertThat(load(Map.of(), "--ui.host=0.0.0.0", "--ui.port=off").ui().enabled()).isFalse();
        assertThat(failure(Map.of(), "--ui.port=70000")).contains("ui.port");
        Path pem = Files.writeString(dir.resolve("ui.pem"), "pem");
        assertThat(failure(Map.of(), "--ui.tls.certificate=" + pem)).contains("ui.tls.certificate").contains("ui.tls.key");
        assertThat(load(Map.of(), "--ui.tls.certificate=" + pem, "--ui.tls.key=" + pem).ui().tls()).isTrue();
    }

    @Test
    void tlsNeedsBothCertificateAndKey() throws IOException {
        Path pem = Files.writeString(dir.resolve("cert.pem"), "not checked before the pairing");
        assertThat(failure(Map.of(), "--proxy.tls.certificate=" + pem))
                .contains("proxy.tls.certificate").contains("proxy.tls.key");
        assertThat(failure(Map.of(), "--proxy.tls.key=" + pem))
                .contains("proxy.tls.certificate").contains("proxy.tls.key");
    }

    @Test
    void jvmHeapIsASizeOfAtLeast64MiBWithTollgateHeapAsAlias() throws IOException {
        assertThat(load(Map.of()).jvmHeap()).isEmpty();
        assertThat(load(Map.of(), "--jvm.heap=512MiB").jvmHeap()).hasValue(512L << 20);
        assertThat(load(Map.of("TOLLGATE_HEAP", "1g", "TOLLGATE_JVM_HEAP", "2g")).jvmHeap()).hasValue(1L << 30);
        yaml("tollgate.yaml", "jvm:\n  heap: 300M\n");
        assertThat(load(Map.of()).jvmHeap()).hasValue(300L << 20);
        assertThat(failure(Map.of(), "--jvm.heap=32MiB")).isEqualTo("jvm.heap: '32MiB' (expected: at least 64MiB)");
        assertThat(failure(Map.of(), "--jvm.heap=lots")).startsWith("jvm.heap: 'lots' (expected: a size");
    }
}
