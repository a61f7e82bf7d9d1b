package dev.tollgate.upstream;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How HTTPS upstreams are trusted: by the JDK's trust store, by the given CA certificates, or —
 * with {@code verify} off — not at all (no certificate or host name check: for tests and
 * upstreams on a trusted network only).
 *
 * @param verify       check the certificate chain and that it names the host
 * @param certificates CAs to trust instead of the JDK's (empty for the JDK's)
 */
public record TlsSettings(boolean verify, List<X509Certificate> certificates) {
    /** The JDK's trust store, host names checked. */
    public static final TlsSettings DEFAULT = new TlsSettings(true, List.of());

    public TlsSettings {
        certificates = List.copyOf(certificates);
    }

    SSLSocketFactory socketFactory() {
        try {
            if (verify && certificates.isEmpty()) {
                return SSLContext.getDefault().getSocketFactory();
            }
            TrustManager[] trust;
            if (!verify) {
                trust = new TrustManager[] {TrustAll.INSTANCE};
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (int i = 0; i < certificates.size(); i++) {
                    store.setCertificateEntry("ca-" + i, certificates.get(i));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("TLS: " + e.getMessage(), e);
        }
    }

    /** {@code tls_verify: false}: every chain is accepted. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        static final TrustAll INSTANCE = new TrustAll();

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
