package dev.tollgate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage records on both databases: idempotent batches, newest-first pages, filters and sums. */
class UsageStoreTest {
    @TempDir
    static Path tmp;

    private static final Instant DAY1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-02T23:59:59.999Z");

    /** The fields these tests vary; the rest are fixed. */
    record Usage(Instant at, String consumerName, String provider, String model, long promptTokens,
                 long completionTokens, Double cost, String currency) implements UsageEntry {
        public String requestId() {
            return "req";
        }

        public String consumerId() {
            return consumerName == null ? null : "id-" + consumerName;
        }

        public String routeId() {
            return null;
        }

        public String serviceId() {
            return null;
        }

        public String requestedModel() {
            return model;
        }

        public String routeType() {
            return "llm/v1/chat";
        }

        public long totalTokens() {
            return promptTokens + completionTokens;
        }

        public long cachedPromptTokens() {
            return 0;
        }

        public boolean tokensCounted() {
            return false;
        }

        public long latencyMs() {
            return 120;
        }

        public long timeToFirstTokenMs() {
            return -1;
        }

        public double timePerOutputTokenMs() {
            return Double.NaN;
        }

        public int status() {
            return 200;
        }

        public String cacheStatus() {
            return null;
        }
    }

    private static ConfigStore open(String mode) {
        var m = mode.equals("h2") ? TestDatabases.h2(tmp.resolve(UUID.randomUUID().toString())) : TestDatabases.postgres();
        return ConfigStore.open(m.settings());
    }

    private static UsageStore.Row row(String id, Usage u) {
        return new UsageStore.Row(id, u);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void batchesWrittenTwiceAreStoredOnceAndListNewestFirst(String mode) {
        try (ConfigStore store = open(mode)) {
            UsageStore usage = new UsageStore(store);
            long version = store.version();
            List<UsageStore.Row> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rows.add(row("r" + i, new Usage(DAY1.plusSeconds(i), "alice", "openai", "gpt-4o", 10, 5, 0.001, "USD")));
            }
            assertThat(usage.insert(rows)).isEqualTo(5);
            assertThat(usage.insert(rows.subList(2, 5))).isZero();
            rows.add(row("r5", new Usage(DAY1.minusSeconds(60), "bob", "openai", "gpt-4o", 1, 1, null, null)));
            assertThat(usage.insert(rows)).isEqualTo(1);
            // An id twice in one batch (a replay that repeats a line) is stored once too.
            UsageStore.Row twice = row("r6", new Usage(DAY1.minusSeconds(120), "bob", "openai", "gpt-4o", 1, 1, null, null));
            assertThat(usage.insert(List.of(twice, twice))).isEqualTo(1);
            assertThat(usage.insert(List.of(twice))).isZero();
            assertThat(store.version()).isEqualTo(version); // usage is not configuration

            Page<Map<String, Object>> first = usage.list(new UsageQuery(Map.of(), null, null, 4, null));
            assertThat(first.data()).extracting(m -> m.get("id")).containsExactly("r4", "r3", "r2", "r1");
            Map<String, Object> newest = first.data().getFirst();
            assertThat(newest).containsEntry("at", DAY1.plusSeconds(4)).containsEntry("consumer_name", "alice")
                    .containsEntry("prompt_tokens", 10L).containsEntry("total_tokens", 15L).containsEntry("cost", 0.001)
                    .containsEntry("time_per_output_token_ms", -1.0).containsEntry("status", 200)
                    .containsEntry("tokens_counted", false).containsEntry("cache_status", null);
            Page<Map<String, Object>> second = usage.list(new UsageQuery(Map.of(), null, null, 4, first.next().orElseThrow()));
            assertThat(second.data()).extracting(m -> m.get("id")).containsExactly("r0", "r5", "r6");
            assertThat(second.data().get(1).get("cost")).isNull();
            assertThat(second.next()).isEmpty();
            assertThatThrownBy(() -> usage.list(new UsageQuery(Map.of(), null, null, 4, "bm9wZQ")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void filtersAndTimeRanges(String mode) {
        try (ConfigStore store = open(mode)) {
            UsageStore usage = new UsageStore(store);
            usage.insert(List.of(
                    row("a", new Usage(DAY1, "alice", "openai", "gpt-4o", 10, 5, 0.01, "USD")),
                    row("b", new Usage(DAY2, "alice", "anthropic", "claude-sonnet-4-5", 20, 5, 0.02, "USD")),
                    row("c", new Usage(DAY2, "bob", "openai", "gpt-4o-mini", 30, 5, 0.03, "USD"))));
            assertThat(ids(usage, Map.of("consumer_id", "id-alice"), null, null)).containsExactlyInAnyOrder("a", "b");
            assertThat(ids(usage, Map.of("consumer_name", "bob"), null, null)).containsExactly("c");
            assertThat(ids(usage, Map.of("provider", "openai", "model", "gpt-4o"), null, null)).containsExactly("a");
            assertThat(ids(usage, Map.of("status", 200), DAY2, null)).containsExactlyInAnyOrder("b", "c");
            assertThat(ids(usage, Map.of(), null, DAY2)).containsExactly("a"); // to is exclusive
            assertThat(ids(usage, Map.of("status", 500), null, null)).isEmpty();
            assertThatThrownBy(() -> new UsageQuery(Map.of("doc", "x"), null, null, 10, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void sumsPerModelConsumerDayAndProvider(String mode) {
        try (ConfigStore store = open(mode)) {
            UsageStore usage = new UsageStore(store);
            usage.insert(List.of(
                    row("a", new Usage(DAY1, "alice", "openai", "gpt-4o", 100, 50, 0.5, "USD")),
                    row("b", new Usage(DAY1.plusSeconds(5), "alice", "openai", "gpt-4o", 100, 50, 0.5, "USD")),
                    row("c", new Usage(DAY2, "bob", "openai", "gpt-4o-mini", 10, 10, 0.25, "USD")),
                    row("d", new Usage(DAY2, "bob", "local", "llama3:8b", 7, 3, null, null)),
                    row("e", new Usage(DAY2, "carol", "mistral", "mistral-large-latest", 1, 1, 0.1, "EUR"))));

            List<Map<String, Object>> byModel = usage.summarize(UsageQuery.all(), UsageGrouping.MODEL);
            assertThat(byModel).extracting(m -> m.get("model"))
                    .containsExactly("gpt-4o", "gpt-4o-mini", "mistral-large-latest", "llama3:8b");
            assertThat(byModel.getFirst()).containsEntry("requests", 2L).containsEntry("prompt_tokens", 200L)
                    .containsEntry("completion_tokens", 100L).containsEntry("total_tokens", 300L)
                    .containsEntry("cost", 1.0).containsEntry("currency", "USD").containsEntry("unpriced_requests", 0L);
            assertThat(byModel.getLast()).containsEntry("cost", null).containsEntry("unpriced_requests", 1L);

            List<Map<String, Object>> byConsumer = usage.summarize(UsageQuery.all(), UsageGrouping.CONSUMER);
            assertThat(byConsumer.getFirst()).containsEntry("consumer", "id-alice").containsEntry("consumer_name", "alice");
            Map<String, Object> bob = byConsumer.stream().filter(m -> "bob".equals(m.get("consumer_name"))).findFirst().orElseThrow();
            assertThat(bob).containsEntry("requests", 2L).containsEntry("cost", 0.25).containsEntry("unpriced_requests", 1L);

            List<Map<String, Object>> byDay = usage.summarize(UsageQuery.all(), UsageGrouping.DAY);
            assertThat(byDay).extracting(m -> m.get("day")).containsExactly("2026-11-01", "2026-11-02");
            // Dollars and euros do not add up.
            assertThat(byDay.get(1)).containsEntry("requests", 3L).containsEntry("cost", null).containsEntry("currency", "mixed");

            List<Map<String, Object>> byProvider = usage.summarize(
                    new UsageQuery(Map.of("consumer_id", "id-bob"), null, null, 10, null), UsageGrouping.PROVIDER);
            assertThat(byProvider).extracting(m -> m.get("provider")).containsExactly("openai", "local");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void oversizedAndNulTextIsStoredCutRatherThanBlockingTheBatch(String mode) {
        try (ConfigStore store = open(mode)) {
            UsageStore usage = new UsageStore(store);
            String hostile = "m\0" + "x".repeat(1000);
            usage.insert(List.of(row("a", new Usage(DAY1, "alice", "openai", hostile, 1, 1, Double.NaN, "USD"))));
            Map<String, Object> stored = usage.list(UsageQuery.all()).data().getFirst();
            assertThat((String) stored.get("model")).hasSize(256).startsWith("mxxx");
            assertThat(stored.get("cost")).isNull();
        }
    }

    private static List<Object> ids(UsageStore usage, Map<String, Object> where, Instant from, Instant to) {
        return usage.list(new UsageQuery(where, from, to, 100, null)).data().stream().map(m -> m.get("id")).toList();
    }
}
