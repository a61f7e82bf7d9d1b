package dev.tollgate.host.snapshot;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import dev.tollgate.db.ConfigData;
import dev.tollgate.db.EntityJson;
import dev.tollgate.host.config.DataDirectory;

/**
 * The last configuration a node served, kept on local disk so that a node restarted while
 * its database is down can still serve traffic.
 */
public final class SnapshotFile {
    private final Path file;

    public SnapshotFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Replaces the file atomically: a crash leaves the old copy or the new one, never half of one. */
    public void write(ConfigData data) throws IOException {
        DataDirectory.createPrivate(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        // Credentials and plugin secrets are in it: readable by the gateway's user only.
        Files.createFile(tmp, DataDirectory.privateFile(tmp));
        EntityJson.mapper().writeValue(tmp.toFile(), data);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The saved configuration; empty when there is none or it cannot be read. */
    public Optional<ConfigData> read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(EntityJson.mapper().readValue(file.toFile(), ConfigData.class));
    }
}
