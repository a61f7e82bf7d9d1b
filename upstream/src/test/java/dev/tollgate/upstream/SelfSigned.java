package dev.tollgate.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A server TLS context with a self-signed certificate for {@code localhost}, made by the JDK's keytool once per JVM. */
final class SelfSigned {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static SSLContext context;

    private SelfSigned() {
    }

    static synchronized SSLContext context() throws IOException {
        if (context == null) {
            try {
                Path dir = Files.createTempDirectory("raw-upstream-tls");
                Path keystore = dir.resolve("server.p12");
                Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
                Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "upstream",
                        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                        "-keystore", keystore.toString(), "-storepass", new String(PASSWORD)))
                        .redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (p.waitFor() != 0) {
                    throw new IOException("keytool failed: " + output);
                }
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keystore)) {
                    ks.load(in, PASSWORD);
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, PASSWORD);
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(kmf.getKeyManagers(), null, null);
                context = c;
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("a self-signed TLS context could not be made: " + e, e);
            }
        }
        return context;
    }
}
