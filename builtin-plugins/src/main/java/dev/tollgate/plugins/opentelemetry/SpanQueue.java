package dev.tollgate.plugins.opentelemetry;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tollgate.commons.queue.BatchQueue;
import dev.tollgate.sdk.metrics.Counter;
import dev.tollgate.sdk.metrics.Metrics;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Spans on their way to the collector: the log phase only queues them (a full queue drops the
 * oldest); one virtual thread per plugin instance sends batches with the SDK's OTLP/HTTP exporter,
 * retries a failed batch for {@code queue.max_retry_time}, then drops it. Drops and exports are
 * counted in the node's metrics ({@code otel_spans_dropped_total}, {@code otel_spans_exported_total}).
 */
final class SpanQueue implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpanQueue.class.getName());
    private static final long IDLE_SECONDS = 60;

    private final OpenTelemetryConfig config;
    private final OtlpHttpSpanExporter exporter;
    private final BatchQueue<SpanData> queue;
    private final long exportTimeoutMillis;
    private volatile Counters counters = Counters.of(Metrics.NONE);
    private volatile Thread sender;
    private volatile boolean closed;
    private volatile long lastWarning = System.nanoTime() - 61_000_000_000L;

    private record Counters(Metrics metrics, Counter exported, Counter queueFull, Counter exportFailed) {
        static Counters of(Metrics m) {
            var dropped = m.counter("otel_spans_dropped_total", "Spans the opentelemetry plugin dropped: its queue "
                    + "was full (queue_full), or the collector failed past queue.max_retry_time (export_failed)", "reason");
            return new Counters(m, m.counter("otel_spans_exported_total", "Spans the opentelemetry plugin exported").labels(),
                    dropped.labels("queue_full"), dropped.labels("export_failed"));
        }
    }

    SpanQueue(OpenTelemetryConfig config) {
        this.config = config;
        this.queue = new BatchQueue<>(config.queue());
        this.exportTimeoutMillis = config.sendTimeout().plus(config.readTimeout()).toMillis();
        var b = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.tracesEndpoint().toString())
                .setConnectTimeout(config.connectTimeout())
                .setTimeout(config.sendTimeout().plus(config.readTimeout()))
                .setRetryPolicy(null) // retried here, within queue.max_retry_time
                .setMemoryMode(MemoryMode.REUSABLE_DATA); // one sender thread: its marshalling buffers are reused
        config.headers().forEach(b::addHeader);
        this.exporter = b.build();
    }

    /** Queues the spans of one request; never waits. */
    void add(List<SpanData> spans, Metrics metrics) {
        Counters c = counters;
        if (c.metrics() != metrics) {
            c = Counters.of(metrics);
            counters = c;
        }
        for (SpanData s : spans) {
            BatchQueue.Added added = queue.add(s);
            if (added.droppedOldest() || added.refused()) {
                c.queueFull().inc();
                warn("the span queue is full (queue.max_entries=" + config.queue().maxEntries()
                        + "): dropping the oldest spans; is the collector at " + config.tracesEndpoint() + " up?");
            }
            if (added.startSender()) {
                sender = Thread.ofVirtual().name("opentelemetry-span-sender").start(this::run);
            }
        }
    }

    private void run() {
        queue.drain(IDLE_SECONDS, this::deliver, LOG, "opentelemetry span sender");
    }

    private void deliver(List<SpanData> batch) throws InterruptedException {
        long deadline = System.nanoTime() + config.queue().maxRetryTime().toNanos();
        long delay = config.queue().initialRetryDelay().toNanos();
        while (!closed) {
            CompletableResultCode result = exporter.export(batch).join(exportTimeoutMillis + 1000, TimeUnit.MILLISECONDS);
            if (result.isSuccess()) {
                counters.exported().inc(batch.size());
                return;
            }
            if (!retryable(result.getFailureThrowable()) || System.nanoTime() + delay > deadline) {
                counters.exportFailed().inc(batch.size());
                warn("could not export " + batch.size() + " spans to " + config.tracesEndpoint() + ", dropped them"
                        + (result.getFailureThrowable() == null ? "" : ": " + result.getFailureThrowable()));
                return;
            }
            TimeUnit.NANOSECONDS.sleep(delay);
            delay = Math.min(delay * 2, config.queue().maxRetryDelay().toNanos());
        }
    }

    /**
     * Whether a failed export may succeed when tried again: the collector unreachable or failing
     * (an I/O error, an HTTP error status). A batch the exporter refuses itself (over its size
     * limit, a bad header) never will, and is dropped at once.
     */
    private static boolean retryable(Throwable t) {
        if (t == null) {
            return true; // a timeout, or a status the exporter did not explain
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException || c.getClass().getSimpleName().equals("HttpExportException")) {
                return true;
            }
        }
        return false;
    }

    /** At most one warning a minute. */
    private void warn(String message) {
        long now = System.nanoTime();
        if (now - lastWarning > 60_000_000_000L) {
            lastWarning = now;
            LOG.log(Level.WARNING, message);
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.close();
        Thread t = sender;
        if (t != null) {
            t.interrupt();
        }
        exporter.shutdown();
    }
}
