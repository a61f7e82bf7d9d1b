package dev.tollgate.host.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds provider keys, credentials and plugin secrets in plain text (the H2
 * database, the saved configuration, spilled usage), so it is the gateway user's alone: created
 * {@code 0700}, its files {@code 0600}. A directory that already exists with a looser mode is
 * the operator's choice and is left as it is, with a warning at start; the files in it are the
 * gateway's and are tightened. On a file system without POSIX modes nothing is done.
 */
public final class DataDirectory {
    private static final System.Logger LOG = System.getLogger(DataDirectory.class.getName());
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    /** The mode of a new file in the data directory: {@code 0600} (none where modes are not supported). */
    public static FileAttribute<?>[] privateFile(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} (and missing parents) {@code 0700}; an existing one is left as it is. */
    public static void createPrivate(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return;
        }
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        try {
            if (posix(abs.getParent())) {
                Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR));
                Files.setPosixFilePermissions(abs, DIR); // the umask may have taken bits off, never added
            } else {
                Files.createDirectory(abs);
            }
        } catch (FileAlreadyExistsException raced) {
            // another node or thread made it: fine
        }
    }

    /**
     * Before the gateway touches {@code dir}: creates it private, or warns when an existing one
     * lets others in.
     */
    public static void prepare(Path dir) {
        try {
            boolean existed = Files.isDirectory(dir);
            createPrivate(dir);
            if (existed && posix(dir)) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
                if (mode.stream().anyMatch(OTHERS::contains)) {
                    LOG.log(Level.WARNING, "data-dir " + dir.toAbsolutePath() + " is mode " + PosixFilePermissions.toString(mode)
                            + ": other users of this machine can reach the provider keys and credentials stored in it; "
                            + "run: chmod 700 " + dir.toAbsolutePath());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("data-dir " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Makes the files in {@code dir} (and its subdirectories) {@code 0600} and those subdirectories {@code 0700}. */
    public static void tighten(Path dir) {
        if (!Files.isDirectory(dir) || !posix(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir, 3)) {
            all.filter(p -> !p.equals(dir)).forEach(p -> {
                try {
                    if (Files.isSymbolicLink(p)) {
                        return; // not ours to change
                    }
                    Files.setPosixFilePermissions(p, Files.isDirectory(p) ? DIR : FILE);
                } catch (IOException | SecurityException e) {
                    LOG.log(Level.WARNING, "cannot make " + p + " private: " + e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot make the files in " + dir + " private: " + e.getMessage());
        }
    }

    private static boolean posix(Path p) {
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
