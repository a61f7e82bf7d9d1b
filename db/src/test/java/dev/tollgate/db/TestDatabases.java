package dev.tollgate.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Assumptions;

/**
 * Databases for tests. PostgreSQL comes from {@code TOLLGATE_TEST_PG_URL} (default: the
 * local server); each call makes a fresh schema. Under {@code CI=true} an unreachable server
 * fails the test; elsewhere the test is skipped with a loud message.
 */
public final class TestDatabases {
    public static final String PG_URL = envOr("TOLLGATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = envOr("TOLLGATE_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = System.getenv("TOLLGATE_TEST_PG_PASSWORD");
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    static {
        // Leave the shared database as we found it.
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreatedSchemas, "drop-test-schemas"));
    }

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
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
            CREATED.add(schema);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + PG_URL + " is unreachable: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: PostgreSQL tests must run)", e);
            }
            System.err.println("!!! SKIPPING PostgreSQL test: " + message);
            Assumptions.abort(message);
        }
        String sep = PG_URL.contains("?") ? "&" : "?";
        return new Mode("postgres", DatabaseSettings.postgres(PG_URL + sep + "currentSchema=" + schema, PG_USER, PG_PASSWORD));
    }

    private static void dropCreatedSchemas() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            for (String schema : CREATED) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test schemas " + CREATED + ": " + e.getMessage());
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
