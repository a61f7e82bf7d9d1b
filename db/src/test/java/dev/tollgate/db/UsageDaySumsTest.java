package dev.tollgate.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sums read from the per-day cache must be what the records say: the same groups and figures as
 * summing the records themselves (a filter forces that), before and after late records arrive.
 */
class UsageDaySumsTest {
    @TempDir
    static Path tmp;

    private static ConfigStore open(String mode) {
        var m = mode.equals("h2") ? TestDatabases.h2(tmp.resolve(UUID.randomUUID().toString())) : TestDatabases.postgres();
        return ConfigStore.open(m.settings());
    }

    private static final String[] MODELS = {"gpt-4o", "claude-sonnet-4-5", "mistral-large"};
    private static final String[] CONSUMERS = {"alice", "bob", null};

    private static List<UsageStore.Row> records(Instant from, int count, Random r, String prefix) {
        List<UsageStore.Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = from.plusSeconds(r.nextInt(4 * 86_400));
            Double cost = i % 7 == 0 ? null : r.nextInt(100) / 1000.0;
            rows.add(new UsageStore.Row(prefix + i, new UsageStoreTest.Usage(at, CONSUMERS[i % 3], i % 2 == 0 ? "openai" : "anthropic",
                    MODELS[i % 3], r.nextInt(500), r.nextInt(200), cost, cost == null ? null : i % 11 == 0 ? "EUR" : "USD")));
        }
        return rows;
    }


    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void cachedDaysSumToWhatTheRecordsSay(String mode) {
        try (ConfigStore store = open(mode)) {
            UsageStore usage = new UsageStore(store);
            Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS).plusSeconds(3600);
            usage.insert(records(start, 400, new Random(7), "a"));
            Instant from = start.plusSeconds(5000); // mid-day: the first day's part comes from the records
            for (UsageGrouping g : List.of(UsageGrouping.MODEL, UsageGrouping.CONSUMER, UsageGrouping.PROVIDER, UsageGrouping.DAY)) {
                UsageQuery all = new UsageQuery(Map.of(), from, null, 1, null);
                assertThat(usage.summarize(all, g)).as(g.key()).isEqualTo(expected(store, usage, from, g));
            }
            assertThat(usage.total(new UsageQuery(Map.of(), from, null, 1, null)))
                    .isEqualTo(expectedTotal(store, from));
            long ready = store.call(h -> h.createQuery("SELECT COUNT(*) FROM usage_day_done WHERE ready = TRUE").mapTo(Long.class).one());
            assertThat(ready).isEqualTo(2); // the two whole days between the partial first and today

            // a record for a finished day arrives late (a replayed spill file): that day is summed again
            Instant late = start.plus(1, ChronoUnit.DAYS);
            usage.insert(List.of(new UsageStore.Row("late", new UsageStoreTest.Usage(late, "carol", "openai", "gpt-4o", 1000, 1000, 1.0, "USD"))));
            assertThat(usage.summarize(new UsageQuery(Map.of(), from, null, 1, null), UsageGrouping.CONSUMER))
                    .isEqualTo(expected(store, usage, from, UsageGrouping.CONSUMER))
                    .anySatisfy(row -> assertThat(row).containsEntry("consumer_name", "carol"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aDayAnotherReaderIsSummingIsReadFromItsRecords(String mode) {
        try (ConfigStore store = open(mode)) {
            UsageStore usage = new UsageStore(store);
            Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS);
            usage.insert(records(start, 200, new Random(3), "b"));
            long day = start.toEpochMilli() / UsageDaySums.DAY_MS;
            long now = System.currentTimeMillis();
            // a fresh claim (someone is summing day 1) and a stale one (a reader died on day 2 five minutes ago)
            store.call(h -> h.createUpdate("INSERT INTO usage_day_done (at_day, ready, claimed_at) VALUES (:d, FALSE, :now)")
                    .bind("d", day).bind("now", now).execute());
            store.call(h -> h.createUpdate("INSERT INTO usage_day_done (at_day, ready, claimed_at) VALUES (:d, FALSE, :old)")
                    .bind("d", day + 1).bind("old", now - 600_000).execute());
            assertThat(usage.summarize(new UsageQuery(Map.of(), start, null, 1, null), UsageGrouping.MODEL))
                    .isEqualTo(expected(store, usage, start, UsageGrouping.MODEL));
            Boolean reclaimed = store.call(h -> h.createQuery("SELECT ready FROM usage_day_done WHERE at_day = :d").bind("d", day + 1)
                    .mapTo(Boolean.class).one());
            Boolean stillClaimed = store.call(h -> h.createQuery("SELECT ready FROM usage_day_done WHERE at_day = :d").bind("d", day)
                    .mapTo(Boolean.class).one());
            assertThat(reclaimed).isTrue();
            assertThat(stillClaimed).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void readersArrivingTogetherBeforeTheDaysAreSummedEachCountEveryRecordOnce(String mode) throws Exception {
        try (ConfigStore store = open(mode)) {
            UsageStore usage = new UsageStore(store);
            Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(10, ChronoUnit.DAYS);
            Random r = new Random(11);
            for (int d = 0; d < 10; d++) {
                usage.insert(records(start.plus(d, ChronoUnit.DAYS), 300, r, "d" + d + "-"));
            }
            Map<String, Object> truth = expectedTotal(store, start);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
            try {
                List<java.util.concurrent.Future<Map<String, Object>>> answers = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    answers.add(pool.submit(() -> usage.total(new UsageQuery(Map.of(), start, null, 1, null))));
                }
                for (var a : answers) {
                    assertThat(a.get()).isEqualTo(truth);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The records summed by the database itself: a filter every record matches (status 200) keeps the cache out. */
    private static List<Map<String, Object>> expected(ConfigStore store, UsageStore usage, Instant from, UsageGrouping g) {
        return usage.summarize(new UsageQuery(Map.of("status", 200), from, null, 1, null), g);
    }

    private static Map<String, Object> expectedTotal(ConfigStore store, Instant from) {
        return new UsageStore(store).total(new UsageQuery(Map.of("status", 200), from, null, 1, null));
    }
}
