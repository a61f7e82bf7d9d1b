package dev.tollgate.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./tollgate bench speed}: the time-to-speed rule, and a short run of both variants (an AOT cache trained and used). */
class SpeedBenchTest {
    @Test
    void timeToSpeedIsWhenTheRateHolds90PercentOfSteadyForThreeSeconds() {
        double[] climb = new double[30];
        for (int i = 0; i < climb.length; i++) {
            climb[i] = i < 5 ? 1000 * (i + 1) : 10_000;
        }
        climb[5] = 9500;
        climb[6] = 8000; // a dip: the rate did not hold yet
        assertThat(new SpeedBench.Run("x", 3, 1.0, climb).steady()).isEqualTo(10_000);
        assertThat(new SpeedBench.Run("x", 3, 1.0, climb).timeToSpeed()).isEqualTo(8);
        double[] climbing = new double[30];
        for (int i = 0; i < climbing.length; i++) {
            climbing[i] = 100 * (i + 1);
        }
        // Still rising at the end: no plateau to measure against, so no time to speed either.
        assertThat(new SpeedBench.Run("x", 3, 1.0, climbing).stillClimbing()).isTrue();
        assertThat(new SpeedBench.Run("x", 3, 1.0, climbing).timeToSpeed()).isEqualTo(-1);
        assertThat(new SpeedBench.Run("x", 3, 1.0, climb).stillClimbing()).isFalse();
    }

    @Test
    void aShortRunMeasuresBothVariantsAndWritesTheReport(@TempDir Path out) throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(BenchSuiteSmokeTest.has("wrk") && BenchSuiteSmokeTest.has("nginx"), "wrk is not installed (CI installs it)");
        }
        Path report = SpeedBench.run(BenchSuiteSmokeTest.repoRoot(), out, 3, 10, List.of("launcher", "aot"));
        String md = Files.readString(report);
        List<String> rows = md.lines().filter(l -> l.matches("\\| (launcher|aot) \\| [34] \\|.*")).toList();
        assertThat(rows).hasSize(4);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertThat(Double.parseDouble(cells[5].trim())).as(row).isPositive(); // steady req/s
        }
    }
}
