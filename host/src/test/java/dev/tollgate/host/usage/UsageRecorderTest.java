package dev.tollgate.host.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.sdk.testkit.RecordingLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder against a fake database: batches, the log line, outages, the spill file, close. */
class UsageRecorderTest {
    /** Batches wait long: only size, flush and close write them unless a test says otherwise. */
    private static final UsageRecorder.Settings SLOW =
            new UsageRecorder.Settings(500, Duration.ofMinutes(5), 10_000, Duration.ofMillis(10), Duration.ofMillis(200));
    private static final UsageRecorder.Settings QUICK =
            new UsageRecorder.Settings(500, Duration.ofMillis(50), 10_000, Duration.ofMillis(10), Duration.ofMillis(200));

    @TempDir
    Path dir;

    private final FakeUsageSink sink = new FakeUsageSink();
    private final RecordingLogger log = new RecordingLogger();

    static UsageRecord usage(String requestId) {
        return new UsageRecord(Instant.parse("2026-11-27T10:00:00.123Z"), requestId, "c-1", "alice", "r-1", "s-1",
                "openai", "gpt-4o", "gpt-4o-2024-08-06", "llm/v1/chat", 12, 30, 42, 0, 0, false, 0.00033, "USD",
                250, 80, 5.6, 200, null, "4bf92f3577b34da6a3ce929d0e0e4736");
    }

    private UsageRecorder start(UsageRecorder.Settings settings) {
        return UsageRecorder.start(sink, dir.resolve("usage-spill.jsonl"), settings, log);
    }

    private void recordMany(UsageRecorder recorder, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            recorder.record(usage(prefix + i));
        }
    }

    @Test
    void writesInBatchesAndLogsOneJsonLinePerRecord() throws Exception {
        try (UsageRecorder recorder = start(SLOW)) {
            recordMany(recorder, "b", 1200);
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(sink.stored).hasSize(1200);
            assertThat(sink.batches).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(500));
            assertThat(sink.batches).contains(500);
        }
        assertThat(log.lines()).hasSize(1200);
        JsonNode line = UsageJson.mapper().readTree(log.lines().getFirst().substring("INFO ".length()));
        assertThat(line.get("id").asText()).isNotBlank();
        assertThat(line.get("at").asText()).isEqualTo("2026-11-27T10:00:00.123Z");
        assertThat(line.get("request_id").asText()).isEqualTo("b0");
        assertThat(line.get("consumer_name").asText()).isEqualTo("alice");
        assertThat(line.get("prompt_tokens").asLong()).isEqualTo(12);
        assertThat(line.get("time_to_first_token_ms").asLong()).isEqualTo(80);
        assertThat(line.get("cost").asDouble()).isEqualTo(0.00033);
        assertThat(line.get("cache_status").isNull()).isTrue();
    }

    @Test
    void aRecordIsWrittenWithinTheFlushIntervalWithoutAFlush() throws Exception {
        try (UsageRecorder recorder = start(QUICK)) {
            recorder.record(usage("lonely"));
            waitFor(() -> sink.stored.size() == 1);
        }
    }

    @Test
    void closeWritesWhatIsQueued() {
        UsageRecorder recorder = start(SLOW);
        recordMany(recorder, "c", 700);
        recorder.close();
        assertThat(sink.stored).hasSize(700);
        recorder.record(usage("after-close")); // never throws; kept for the next start
        assertThat(Files.exists(recorder.spillFile())).isTrue();
    }

    @Test
    void anOutageSpillsToDiskAndTheSpillIsReplayedOnceTheDatabaseAnswers() throws Exception {
        try (UsageRecorder recorder = start(QUICK)) {
            recordMany(recorder, "before", 3);
            waitFor(() -> sink.stored.size() == 3);

            sink.down = true;
            recordMany(recorder, "during", 40);
            waitFor(() -> Files.exists(recorder.spillFile()) && lines(recorder.spillFile()) == 40);
            assertThat(sink.stored).hasSize(3);
            assertThat(log.lines()).hasSize(43); // the log does not wait for the database

            sink.down = false;
            waitFor(() -> sink.stored.size() == 43);
            waitFor(() -> !Files.exists(recorder.spillFile()));
            assertThat(sink.storedWithRequestPrefix("during")).isEqualTo(40);
            assertThat(Files.exists(dir.resolve("usage-spill.jsonl.replay"))).isFalse();
        }
    }

    @Test
    void aRestartReplaysTheSpillFileAnEarlierRunLeft() throws Exception {
        sink.down = true;
        UsageRecorder first = start(SLOW);
        recordMany(first, "kept", 25);
        first.close(); // the database is down: the queue goes to the spill file
        assertThat(lines(first.spillFile())).isEqualTo(25);
        // A crash in the middle of a write leaves half a line; the lines around it still count.
        Files.writeString(first.spillFile(), "{\"id\":\"half\",\"at\":\"2026-", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(first.spillFile(), "\n" + UsageJson.line(new UsageJson.Entry("x-1", usage("kept-last"))) + "\n",
                java.nio.file.StandardOpenOption.APPEND);

        sink.down = false;
        try (UsageRecorder second = start(SLOW)) {
            waitFor(() -> sink.stored.size() == 26);
            waitFor(() -> !Files.exists(second.spillFile()));
            assertThat(sink.storedWithRequestPrefix("kept")).isEqualTo(26);
        }
    }

    @Test
    void aFullQueueSpillsInsteadOfBlockingOrDropping() throws Exception {
        var settings = new UsageRecorder.Settings(2, Duration.ofMillis(20), 4, Duration.ofMillis(10), Duration.ofMillis(200));
        sink.hang = new CountDownLatch(1);
        try (UsageRecorder recorder = start(settings)) {
            long started = System.nanoTime();
            recordMany(recorder, "burst", 50);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(Files.exists(recorder.spillFile())).isTrue();

            sink.hang.countDown();
            sink.hang = null;
            waitFor(() -> sink.stored.size() == 50);
            waitFor(() -> !Files.exists(recorder.spillFile()));
        }
        assertThat(log.lines()).hasSize(50);
    }

    @Test
    void flushWritesWhatIsQueuedAtOnce() throws Exception {
        try (UsageRecorder recorder = start(SLOW)) {
            recorder.record(usage("now"));
            assertThat(recorder.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(sink.stored).hasSize(1);
            recorder.record(null); // ignored, never thrown
        }
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(10);
        }
    }
}
