package dev.tollgate.db;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the configuration lives.
 *
 * @param type     {@code h2} (embedded file database, the default) or {@code postgres}
 * @param url      JDBC URL; for h2 may be null, then {@code dataDir/tollgate} is used
 * @param dataDir  directory of the h2 database file
 */
public record DatabaseSettings(String type, String url, String user, String password, Path dataDir) {
    public DatabaseSettings {
        requireNonNull(type, "type");
        if (!type.equals("h2") && !type.equals("postgres")) {
            throw new IllegalArgumentException("database: " + type + " (expected: h2 or postgres)");
        }
        if (type.equals("postgres") && (url == null || url.isBlank())) {
            throw new IllegalArgumentException("database.url: missing (expected: a jdbc:postgresql:// URL when database is postgres)");
        }
    }

    public static DatabaseSettings h2(Path dataDir) {
        return new DatabaseSettings("h2", null, null, null, dataDir);
    }

    public static DatabaseSettings postgres(String url, String user, String password) {
        return new DatabaseSettings("postgres", url, user, password, null);
    }

    /** The JDBC URL actually used. */
    public String jdbcUrl() {
        if (url != null && !url.isBlank()) {
            return url;
        }
        Path file = dataDir.toAbsolutePath().normalize().resolve("tollgate");
        // DB_CLOSE_ON_EXIT=FALSE: the gateway closes the database itself, after in-flight writes.
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Where it is, for the start banner and /status: never shows the password. */
    public String describe() {
        String u = jdbcUrl();
        int q = u.indexOf('?');
        return type + " (" + (q > 0 ? u.substring(0, q) : u) + ")";
    }
}
