package dev.tollgate.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tollgate bench admin}, small: a PostgreSQL schema seeded, the gateway started on it,
 * every call behind the admin UI's pages answered and timed, the schema dropped. The figures of
 * so small a run mean nothing; that the benchmark still works does.
 */
class AdminScaleBenchSmokeTest {

    @Test
    void aSmallRunTimesEveryCallAndLeavesNoSchema(@TempDir Path out) throws Exception {
        String url = System.getenv().getOrDefault("TOLLGATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("TOLLGATE_TEST_PG_USER", "postgres");
        boolean reachable;
        try (var c = DriverManager.getConnection(url, user, System.getenv("TOLLGATE_TEST_PG_PASSWORD"))) {
            reachable = true;
        } catch (java.sql.SQLException e) {
            reachable = false;
        }
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(reachable, "AdminScaleBenchSmokeTest skipped: no PostgreSQL at " + url + " (CI starts one)");
        }
        int schemasBefore = benchSchemas(url, user);
        Path report = AdminScaleBench.smoke(Path.of("..").toAbsolutePath().normalize(), out);
        String md = Files.readString(report);
        List<String> rows = md.lines().filter(l -> l.startsWith("| `/")).toList();
        assertThat(rows).hasSize(15);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertThat(Double.parseDouble(cells[2].trim())).as(cells[1]).isPositive();
        }
        assertThat(md).contains("20,000 usage records").contains("200 routes");
        assertThat(benchSchemas(url, user)).as("bench schemas left behind").isEqualTo(schemasBefore);
    }

    private static int benchSchemas(String url, String user) throws java.sql.SQLException {
        try (var c = DriverManager.getConnection(url, user, System.getenv("TOLLGATE_TEST_PG_PASSWORD"));
             var rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name LIKE 'bench_admin_%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
