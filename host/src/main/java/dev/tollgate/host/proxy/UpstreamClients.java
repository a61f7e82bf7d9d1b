package dev.tollgate.host.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.upstream.TlsSettings;
import dev.tollgate.upstream.UpstreamClient;

/**
 * Long-lived upstream clients, one per distinct connection setting (connect timeout, TLS
 * verification, CA file), each with its pool of keep-alive connections, so pools survive
 * configuration changes.
 */
public final class UpstreamClients implements AutoCloseable {
    private record Key(int connectTimeoutMs, boolean tlsVerify, String caFile) {}

    private final ConcurrentHashMap<Key, UpstreamClient> clients = new ConcurrentHashMap<>();

    UpstreamClient client(int connectTimeoutMs, boolean tlsVerify, String caFile) {
        return clients.computeIfAbsent(new Key(connectTimeoutMs, tlsVerify, caFile), key -> UpstreamClient.create(
                Duration.ofMillis(key.connectTimeoutMs()),
                new TlsSettings(key.tlsVerify(), key.caFile() == null ? List.of() : readCertificates(Path.of(key.caFile())))));
    }

    /** Reads the PEM certificates of a CA file; fails naming the file. */
    public static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            var certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("ca_file: " + file + " (expected: PEM certificates, found none)");
            }
            return certs.stream().map(c -> (X509Certificate) c).toList();
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("ca_file: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(UpstreamClient::close);
        clients.clear();
    }
}
