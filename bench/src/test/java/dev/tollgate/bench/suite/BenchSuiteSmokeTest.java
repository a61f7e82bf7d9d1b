package dev.tollgate.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tollgate bench --smoke}, as CI runs it: the real processes (mock LLM, nginx, the built
 * gateway), wrk and the rate driver, and a report in which every scenario answered. The figures
 * of a smoke run mean nothing; that the suite still works does.
 */
class BenchSuiteSmokeTest {

    @Test
    void theSmokeRunMeasuresEveryScenarioAndWritesTheReport(@TempDir Path out) throws Exception {
        boolean tools = has("wrk") && has("nginx");
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(tools, "wrk and nginx are not installed (CI installs them)");
        }
        Path report = BenchSuite.run(SuiteOptions.parse(new String[] {"--smoke", "--out", out.toString()}), repoRoot());

        String md = Files.readString(report);
        List<String[]> rows = md.lines().filter(l -> l.matches("\\| [1-5] \\| .*")).map(Report_::cells)
                .filter(cells -> cells.length >= 14).toList(); // the results table, not the table of rounds
        assertThat(rows).extracting(r -> r[1]).containsExactly("1", "2", "3", "4", "5");
        for (String[] row : rows) {
            assertThat(Double.parseDouble(row[3])).as("req/s of scenario %s", row[1]).isPositive();
            assertThat(row[5]).as("p50 of scenario %s", row[1]).matches("\\d+\\.\\d+");
            assertThat(row[13]).as("failures of scenario %s", row[1]).isEqualTo("0");
        }
        List<String[]> streams = md.lines().filter(l -> l.matches("\\| [13]\\. .*")).map(Report_::cells).toList();
        assertThat(streams).hasSize(2);
        for (String[] row : streams) {
            assertThat(Integer.parseInt(row[2])).as("streams through %s", row[1]).isPositive();
            assertThat(row[3]).as("stream errors through %s", row[1]).isEqualTo("0");
            assertThat(row[4]).as("tokens per stream through %s", row[1]).isEqualTo("200");
        }
        List<String[]> bursts = md.lines().filter(l -> l.matches("\\| (direct|nginx|Tollgate).*")).map(Report_::cells)
                .filter(cells -> cells.length == 10).toList();
        assertThat(bursts).as("stream burst rows").hasSize(4);
        for (String[] row : bursts) {
            assertThat(Integer.parseInt(row[2])).as("burst streams through %s", row[1]).isEqualTo(40);
            assertThat(row[3]).as("burst errors through %s", row[1]).isEqualTo("0");
        }
        List<String[]> tokens = md.lines().filter(l -> l.matches("\\| (direct|nginx|Tollgate).*")).map(Report_::cells)
                .filter(cells -> cells.length == 9).toList();
        assertThat(tokens).as("token throughput rows").hasSize(3);
        for (String[] row : tokens) {
            assertThat(row[3]).as("token stream errors through %s", row[1]).isEqualTo("0");
            assertThat(Double.parseDouble(row[5])).as("tokens/s through %s", row[1]).isPositive();
        }
        assertThat(md).contains("## Targets").contains("## Where the time goes").contains("## Machine")
                .contains("## Stream bursts").contains("## Streamed token throughput");
        assertThat(md).containsPattern("(\\d+) execution samples").doesNotContain("\n0 execution samples");

        BufferedImage chart = ImageIO.read(out.resolve("chart.png").toFile());
        assertThat(chart).isNotNull();
        assertThat(chart.getWidth()).isGreaterThan(600);
    }

    static boolean has(String tool) {
        try {
            BenchSuite.tool(tool);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("tollgate")) && Files.isDirectory(p.resolve("host"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    /** Markdown table cells: "| a | b |" gives ["", "a", "b"]. */
    private static final class Report_ {
        static String[] cells(String line) {
            return Arrays.stream(line.split("\\|", -1)).map(String::trim).toArray(String[]::new);
        }
    }
}
