package dev.tollgate.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.tollgate.host.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider keys and credentials sit in the data directory in plain text: only the gateway's user may read it. */
class DataDirectoryTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aGatewayMakesItsDataDirectoryAndFilesPrivate() throws IOException {
        GatewayConfig config = ConfigLoader.load(List.of(), Map.of(), dir).withPorts(0, 0, 0);
        try (Gateway g = Gateway.start(config)) {
            Path data = config.dataDir();
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("tollgate.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("config-snapshot.json"))).isEqualTo("rw-------");
        }
    }

    @Test
    void anExistingLooseDirectoryIsWarnedAboutAndItsFilesTightened() throws IOException {
        Path data = Files.createDirectory(dir.resolve("shared"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path old = Files.writeString(data.resolve("tollgate.mv.db"), "x");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(DataDirectory.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        try {
            DataDirectory.prepare(data);
            DataDirectory.tighten(data);
        } finally {
            log.removeHandler(h);
        }
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("is mode rwxr-xr-x").contains("chmod 700 " + data));
        assertThat(mode(data)).as("the operator's directory is left as it is").isEqualTo("rwxr-xr-x");
        assertThat(mode(old)).isEqualTo("rw-------");
    }

    @Test
    void newSubdirectoriesArePrivate() throws IOException {
        Path sub = dir.resolve("a/b");
        DataDirectory.createPrivate(sub);
        assertThat(mode(sub)).isEqualTo("rwx------");
    }
}
