package dev.tollgate.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.tollgate.db.DatabaseSettings;

/** The gateway's resolved configuration: defaults, then tollgate.yaml, then environment, then flags. */
public record GatewayConfig(
        String proxyHost,
        int proxyPort,
        int proxyTlsPort,
        Optional<Path> tlsCertificate,
        Optional<Path> tlsKey,
        long maxBodySize,
        String adminHost,
        int adminPort,
        Optional<String> adminToken,
        DatabaseSettings database,
        Path dataDir,
        Path pluginsDir,
        Duration configPollInterval,
        List<String> adminAllowedOrigins,
        List<String> adminAllowedHosts,
        Duration clientBodyTimeout,
        boolean pluginsWarmUp,
        int proxyMaxConnections,
        String statusHost,
        int statusPort,
        String metricsPrefix,
        int requestLogSize,
        int requestLogBodySize,
        Optional<String> requestLogRedis,
        UiListener ui,
        OptionalLong jvmHeap) {

    /**
     * The admin UI's listener: static pages, and the Admin API under {@code /api} on the same origin.
     *
     * @param port {@link #OFF} when the UI is off
     */
    public record UiListener(String host, int port, Optional<Path> certificate, Optional<Path> key) {
        public boolean enabled() {
            return port != OFF;
        }

        public boolean tls() {
            return certificate.isPresent() && key.isPresent();
        }

        UiListener withPort(int p) {
            return new UiListener(host, p, certificate, key);
        }
    }

    public GatewayConfig {
        adminAllowedOrigins = List.copyOf(adminAllowedOrigins);
        adminAllowedHosts = List.copyOf(adminAllowedHosts);
    }

    /** {@link #proxyMaxConnections()} when it is left to the gateway. */
    public static final int AUTO = 0;
    /** {@link #statusPort()} when the status listener is off. */
    public static final int OFF = -1;

    /** True when the status listener ({@code /status}, {@code /status/ready}, {@code /metrics}) is on. */
    public boolean statusEnabled() {
        return statusPort != OFF;
    }

    /** True when the proxy should also listen for HTTPS. */
    public boolean tlsEnabled() {
        return tlsCertificate.isPresent() && tlsKey.isPresent();
    }

    /** Copy with other listener ports (tests use 0 for random ports); the status and UI listeners, when on, get random ones. */
    public GatewayConfig withPorts(int proxy, int proxyTls, int admin) {
        return withPorts(proxy, proxyTls, admin, statusEnabled() ? 0 : OFF);
    }

    /** Copy with other listener ports; {@code status} {@link #OFF} turns the status listener off; the UI, when on, gets a random port. */
    public GatewayConfig withPorts(int proxy, int proxyTls, int admin, int status) {
        UiListener ui = this.ui.enabled() ? this.ui.withPort(0) : this.ui;
        return new GatewayConfig(proxyHost, proxy, proxyTls, tlsCertificate, tlsKey, maxBodySize, adminHost, admin,
                adminToken, database, dataDir, pluginsDir, configPollInterval, adminAllowedOrigins, adminAllowedHosts, clientBodyTimeout,
                pluginsWarmUp, proxyMaxConnections, statusHost, status, metricsPrefix, requestLogSize, requestLogBodySize, requestLogRedis, ui, jvmHeap);
    }

    /** Copy with another prefix for metric names. */
    public GatewayConfig withMetricsPrefix(String prefix) {
        return new GatewayConfig(proxyHost, proxyPort, proxyTlsPort, tlsCertificate, tlsKey, maxBodySize, adminHost,
                adminPort, adminToken, database, dataDir, pluginsDir, configPollInterval, adminAllowedOrigins, adminAllowedHosts,
                clientBodyTimeout, pluginsWarmUp, proxyMaxConnections, statusHost, statusPort, prefix, requestLogSize, requestLogBodySize, requestLogRedis, ui, jvmHeap);
    }

    /** Copy with another admin UI listener. */
    public GatewayConfig withUi(UiListener listener) {
        return new GatewayConfig(proxyHost, proxyPort, proxyTlsPort, tlsCertificate, tlsKey, maxBodySize, adminHost,
                adminPort, adminToken, database, dataDir, pluginsDir, configPollInterval, adminAllowedOrigins, adminAllowedHosts, clientBodyTimeout,
                pluginsWarmUp, proxyMaxConnections, statusHost, statusPort, metricsPrefix, requestLogSize, requestLogBodySize, requestLogRedis, listener, jvmHeap);
    }

    public GatewayConfig withDatabase(DatabaseSettings db) {
        return new GatewayConfig(proxyHost, proxyPort, proxyTlsPort, tlsCertificate, tlsKey, maxBodySize, adminHost,
                adminPort, adminToken, db, dataDir, pluginsDir, configPollInterval, adminAllowedOrigins, adminAllowedHosts, clientBodyTimeout,
                pluginsWarmUp, proxyMaxConnections, statusHost, statusPort, metricsPrefix, requestLogSize, requestLogBodySize, requestLogRedis, ui, jvmHeap);
    }
}
