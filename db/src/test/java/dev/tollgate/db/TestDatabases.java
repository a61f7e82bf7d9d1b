package dev.tollgate.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * Databases for tests. PostgreSQL comes from {@code TOLLGATE_TEST_PG_URL} (default: the
 * local server); each call makes a fresh schema. Under {@code CI=true} an unreachable server
 * fails the test; elsewhere the test is skipped with a loud message.
 */
public final class TestDatabases {
    public static final String PG_URL = envOr("TOLLGATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = envOr("TOLLGATE_TEST_PG_USER", "postgres");

    private TestDatabases() {
    }

    /** A storage mode under test: a name for the test report and settings to open it. */
    public record Mode(String name, DatabaseSettings settings) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static Mode h2(Path dir) {
        return new Mode("h2", DatabaseSettings.h2(dir));
    }

    /** A new, empty PostgreSQL schema. */
    public static Mode postgres() {
        String schema = "tg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + PG_URL + " is unreachable: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: PostgreSQL tests must run)", e);
            }
            System.err.println("!!! SKIPPING PostgreSQL test: " + message);
            Assumptions.abort(message);
        }
        String sep = PG_URL.contains("?") ? "&" : "?";
        return new Mode("postgres", DatabaseSettings.postgres(PG_URL + sep + "currentSchema=" + schema, PG_USER, null));
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
