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

import dev.tollgate.upstream.UpstreamPool;
import dev.tollgate.upstream.UpstreamResponse;
import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.WebClient;

/**
 * Long-lived upstream clients, one per distinct connection setting (connect timeout, TLS
 * verification, CA file), each with its pool of keep-alive connections, so pools survive
 * configuration changes.
 */
public final class UpstreamClients implements AutoCloseable {
    private record Key(int connectTimeoutMs, boolean tlsVerify, String caFile) {}

    /** A client and the pool its exchanges are sent through. */
    record Upstream(WebClient client, UpstreamPool pool) {}

    private final ConcurrentHashMap<Key, Upstream> clients = new ConcurrentHashMap<>();

    Upstream client(int connectTimeoutMs, boolean tlsVerify, String caFile) {
        return clients.computeIfAbsent(new Key(connectTimeoutMs, tlsVerify, caFile), key -> {
            WebClient client = create(key);
            return new Upstream(client, UpstreamPool.create(client));
        });
    }

    private static WebClient create(Key key) {
        var builder = WebClient.builder()
                .connectTimeout(Duration.ofMillis(key.connectTimeoutMs()))
                .followRedirects(false)
                .keepAlive(true)
                .socketOptions(o -> o.tcpNoDelay(true)) // small request writes go out at once
                .shareConnectionCache(false)
                // The proxy passes bodies through as they are; it never decodes them.
                .contentEncoding(c -> c.contentEncodingsDiscoverServices(false))
                .relativeUris(true);
        UpstreamResponse.install(builder); // a connection is reused only after a whole response
        builder.tls(tls(key));
        return builder.build();
    }

    private static Tls tls(Key key) {
        if (!key.tlsVerify()) {
            return Tls.builder().trustAll(true).endpointIdentificationAlgorithm("NONE").build();
        }
        if (key.caFile() != null) {
            return Tls.builder().trust(readCertificates(Path.of(key.caFile()))).build();
        }
        return Tls.builder().build(); // the JDK's default trust store
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
        clients.values().forEach(u -> u.pool().close());
        clients.clear();
    }
}
