package dev.tollgate.plugins.aisanitizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of every built-in detector on the labelled corpus
 * (src/test/resources/aisanitizer/pii-corpus.jsonl) and a held-out set (pii-holdout.jsonl): a
 * finding counts only with the right kind and the exact span. Prints the tables that
 * docs/ai-sanitizer.md shows, and each miss.
 */
class PiiCorpusTest {
    static final String CORPUS = "/aisanitizer/pii-corpus.jsonl";
    static final String HOLDOUT = "/aisanitizer/pii-holdout.jsonl";
    static final double REQUIRED = 0.95;
    static final List<String> KINDS = List.of("email", "phone", "ssn", "credit_card", "iban", "ip", "secret");

    record Entity(String kind, int start, int end) {
    }

    record Sample(String text, List<Entity> entities) {
    }

    static List<Sample> corpus(String resource) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> samples = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(PiiCorpusTest.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = json.readTree(line);
                String text = row.get("text").asText();
                List<Entity> entities = new ArrayList<>();
                for (JsonNode e : row.get("entities")) {
                    Entity entity = new Entity(e.get("kind").asText(), e.get("start").asInt(), e.get("end").asInt());
                    assertThat(text.substring(entity.start(), entity.end())).as("corpus span of %s", line)
                            .isEqualTo(e.get("value").asText());
                    entities.add(entity);
                }
                samples.add(new Sample(text, entities));
            }
        }
        return samples;
    }

    @Test
    void everyDetectorReachesTheRequiredPrecisionAndRecall() throws IOException {
        List<Sample> samples = corpus(CORPUS);
        assertThat(samples).hasSizeGreaterThanOrEqualTo(300);
        Map<String, int[]> counts = measure(samples);
        counts.forEach((kind, c) -> {
            assertThat(precision(c)).as("precision of %s", kind).isGreaterThanOrEqualTo(REQUIRED);
            assertThat(recall(c)).as("recall of %s", kind).isGreaterThanOrEqualTo(REQUIRED);
        });
    }

    /**
     * The held-out set was written after the detectors' rules were settled and is never tuned
     * against: its figures estimate what the development corpus, which the rules were fitted on,
     * overstates. Only a collapse fails the build; the figures are reported in docs/ai-sanitizer.md.
     */
    @Test
    void theHeldOutSetIsReported() throws IOException {
        Map<String, int[]> counts = measure(corpus(HOLDOUT));
        counts.forEach((kind, c) -> assertThat(Math.min(precision(c), recall(c))).as(kind).isGreaterThanOrEqualTo(0.5));
    }

    /** Counts TP, FP and FN per kind, printing the table and every miss. */
    static Map<String, int[]> measure(List<Sample> samples) {
        PiiScanner scanner = Detectors.scanner(List.of("all_and_credentials"), List.of());
        Map<String, int[]> counts = new LinkedHashMap<>(); // kind → {tp, fp, fn}
        KINDS.forEach(k -> counts.put(k, new int[3]));
        List<String> misses = new ArrayList<>();
        for (Sample s : samples) {
            List<Entity> found = scanner.scan(s.text()).stream()
                    .map(f -> new Entity(f.label().toLowerCase(Locale.ROOT), f.start(), f.end())).toList();
            for (Entity f : found) {
                boolean hit = s.entities().contains(f);
                counts.get(f.kind())[hit ? 0 : 1]++;
                if (!hit) {
                    misses.add("FP " + f.kind() + " '" + s.text().substring(f.start(), f.end()) + "' in: " + s.text());
                }
            }
            for (Entity e : s.entities()) {
                if (!found.contains(e)) {
                    counts.get(e.kind())[2]++;
                    misses.add("FN " + e.kind() + " '" + s.text().substring(e.start(), e.end()) + "' in: " + s.text());
                }
            }
        }
        System.out.println(table(counts, samples.size()));
        misses.forEach(m -> System.out.println("  " + m.replace("\n", "\\n")));
        return counts;
    }

    static double precision(int[] c) {
        return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
    }

    static double recall(int[] c) {
        return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
    }

    static String table(Map<String, int[]> counts, int samples) {
        StringBuilder sb = new StringBuilder("PII corpus: " + samples + " strings\n");
        sb.append("| detector | TP | FP | FN | precision | recall |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        counts.forEach((kind, c) -> sb.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %d | %.3f | %.3f |%n",
                kind, c[0], c[1], c[2], precision(c), recall(c))));
        return sb.toString();
    }
}
