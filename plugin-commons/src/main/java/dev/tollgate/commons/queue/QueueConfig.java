package dev.tollgate.commons.queue;

import java.time.Duration;

import dev.tollgate.sdk.config.ConfigSchema;
import dev.tollgate.sdk.config.Field;
import dev.tollgate.sdk.config.PluginConfig;

/**
 * How a logging plugin ({@code http-log}, {@code opentelemetry}) queues, batches and retries its
 * entries: Kong's {@code queue} record.
 *
 * @param maxBatchSize       entries sent in one request; above 1 the body is a JSON array
 * @param maxCoalescingDelay how long the first queued entry waits for a batch to fill
 * @param maxEntries         entries the queue holds; when full the oldest is dropped
 * @param maxRetryTime       how long a failing batch is retried before it is dropped
 * @param initialRetryDelay  the wait before the first retry, doubled after each
 * @param maxRetryDelay      the longest wait between retries
 */
public record QueueConfig(int maxBatchSize, Duration maxCoalescingDelay, int maxEntries, Duration maxRetryTime,
                   Duration initialRetryDelay, Duration maxRetryDelay) {

    /** Kong's queue record, with {@code max_batch_size} defaulting to {@code defaultBatchSize}. */
    public static ConfigSchema schema(long defaultBatchSize) {
        return ConfigSchema.builder()
                .field(Field.integer("max_batch_size").min(1).max(1_000_000).defaultValue(defaultBatchSize)
                        .description("Entries sent in one request. Above 1 the body is a JSON array of entries, "
                                + "even when fewer have been queued."))
                .field(Field.number("max_coalescing_delay").min(0).max(3600).defaultValue(1.0)
                        .description("Seconds (fractions allowed) the first queued entry waits for a batch to fill "
                                + "before the batch is sent anyway."))
                .field(Field.integer("max_entries").min(1).max(1_000_000).defaultValue(10_000L)
                        .description("Entries the queue holds while the endpoint is slow or down. When it is full "
                                + "the oldest entry is dropped; drops are logged as a warning at most once a minute."))
                .field(Field.number("max_retry_time").min(0).max(1_000_000).defaultValue(60.0)
                        .description("Seconds a batch that fails (connection error, timeout or 5xx) is retried "
                                + "before it is dropped; 0 tries once."))
                .field(Field.number("initial_retry_delay").max(1_000_000).defaultValue(0.01)
                        .check(v -> (Double) v >= 0.001, ">= 0.001")
                        .description("Seconds before the first retry of a failed batch; each further wait doubles."))
                .field(Field.number("max_retry_delay").max(1_000_000).defaultValue(60.0)
                        .check(v -> (Double) v >= 0.001, ">= 0.001")
                        .description("The longest wait in seconds between two retries."))
            .build();
    }

    public QueueConfig {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("config.queue.max_batch_size: " + maxBatchSize + " (expected: >= 1)");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("config.queue.max_entries: " + maxEntries + " (expected: >= 1)");
        }
        nonNegative("max_coalescing_delay", maxCoalescingDelay);
        nonNegative("max_retry_time", maxRetryTime);
        positive("initial_retry_delay", initialRetryDelay);
        positive("max_retry_delay", maxRetryDelay);
    }

    /** Kong's defaults, with {@code max_batch_size} {@code defaultBatchSize}. */
    public static QueueConfig defaults(long defaultBatchSize) {
        return from(schema(defaultBatchSize).validate(java.util.Map.of()));
    }

    public static QueueConfig from(PluginConfig queue) {
        return new QueueConfig(queue.integer("max_batch_size").orElseThrow().intValue(),
                seconds(queue.number("max_coalescing_delay").orElseThrow()),
                queue.integer("max_entries").orElseThrow().intValue(),
                seconds(queue.number("max_retry_time").orElseThrow()),
                seconds(queue.number("initial_retry_delay").orElseThrow()),
                seconds(queue.number("max_retry_delay").orElseThrow()));
    }

    static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static void nonNegative(String field, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("config.queue." + field + ": " + d + " (expected: >= 0)");
        }
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("config.queue." + field + ": " + d + " (expected: > 0)");
        }
    }
}
