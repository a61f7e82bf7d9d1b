package dev.tollgate.host;

import java.nio.file.Path;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;

/** The proxy's HTTPS identity, from PEM files. */
final class ProxyTls {
    private ProxyTls() {
    }

    static Tls load(Path certificate, Path key) {
        Keys keys = Keys.builder()
                .pem(pem -> pem.key(Resource.create(key)).certChain(Resource.create(certificate)))
                .build();
        return Tls.builder()
                .privateKey(keys.privateKey().orElseThrow(() -> new IllegalArgumentException(
                        "proxy.tls.key: " + key + " (expected: a PEM private key in PKCS#8 form)")))
                .privateKeyCertChain(keys.certChain())
                .build();
    }
}
