package dev.tollgate.plugins.httplog;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.tollgate.commons.queue.BatchQueue;
import dev.tollgate.commons.queue.QueueConfig;

/**
 * Sends one plugin instance's queued entries to its endpoint: one sender thread at a time (a
 * virtual thread, so it never holds the JVM up) and one HTTP client for the instance's life.
 * A batch that meets a connection error, a timeout or a 5xx is retried with exponential
 * backoff until {@code max_retry_time} has passed; any other answer but 2xx drops it, as
 * retrying cannot help.
 *
 * <p>The sender leaves after {@link #IDLE_SECONDS} without entries and the next entry starts a
 * new one: with no lifecycle hook in the SDK yet, an instance the gateway stops using (a
 * configuration change) then holds no thread and can be collected, client included. The JDK
 * client has no per-client keep-alive setting, so {@code keepalive} is not applied.
 */
final class HttpLogSender implements AutoCloseable {
    static final long IDLE_SECONDS = 60;
    static final long DROP_WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    static final String QUEUE_FULL = "log queue full, dropped the oldest entries: ";
    static final String GAVE_UP = "could not send log entries, dropped them: ";
    static final String REFUSED = "the endpoint refused log entries, dropped them: ";

    private final HttpLogConfig config;
    private final BatchQueue<String> queue;
    private final HttpClient client;
    private final System.Logger pinnedLog;
    private volatile System.Logger log;
    private volatile Thread sender;
    private volatile boolean closed;
    private final AtomicLong dropsSinceWarning = new AtomicLong();
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - DROP_WARNING_INTERVAL_NANOS);

    /**
     * @param pinnedLog where the sender reports; null to use the logger of the latest request's
     *                  context, the gateway's logger for this instance
     */
    HttpLogSender(HttpLogConfig config, System.Logger pinnedLog) {
        this.config = config;
        this.queue = new BatchQueue<>(config.queue());
        this.pinnedLog = pinnedLog;
        this.log = pinnedLog != null ? pinnedLog : System.getLogger(HttpLogSender.class.getName());
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempts on log collectors
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Queues one entry (JSON); never waits for the endpoint. {@code requestLog} reports drops. */
    void enqueue(String json, System.Logger requestLog) {
        if (pinnedLog == null) {
            log = requestLog;
        }
        BatchQueue.Added added = queue.add(json);
        if (added.droppedOldest()) {
            warnOfDrop(requestLog);
        }
        if (added.startSender()) {
            sender = Thread.ofVirtual().name("http-log-sender").start(this::run);
        }
    }

    /** Entries dropped so far (queue full, or queued at close). */
    long dropped() {
        return queue.dropped();
    }

    /** Stops the sender now: queued entries are dropped and a batch being sent is abandoned. */
    @Override
    public void close() {
        closed = true;
        queue.close();
        Thread t = sender;
        if (t != null) {
            t.interrupt();
        }
        client.shutdownNow();
    }

    private void warnOfDrop(System.Logger requestLog) {
        long drops = dropsSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDropWarning.get();
        if (now - last >= DROP_WARNING_INTERVAL_NANOS && lastDropWarning.compareAndSet(last, now)) {
            dropsSinceWarning.addAndGet(-drops);
            requestLog.log(Level.WARNING, QUEUE_FULL + drops + " since the last warning (max_entries="
                    + config.queue().maxEntries() + ")");
        }
    }

    private void run() {
        queue.drain(IDLE_SECONDS, this::deliver, log, "http-log sender");
    }

    private void deliver(List<String> batch) throws InterruptedException {
        HttpRequest request = request(batch);
        QueueConfig q = config.queue();
        long deadline = System.nanoTime() + q.maxRetryTime().toNanos();
        long delay = q.initialRetryDelay().toNanos();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                if (status < 500) {
                    log.log(Level.ERROR, REFUSED + batch.size() + " entries, status " + status + " from "
                            + config.printableEndpoint());
                    return;
                }
                failure = "status " + status;
            } catch (IOException e) {
                failure = e.toString();
            }
            if (closed) {
                return;
            }
            if (System.nanoTime() + delay > deadline) {
                log.log(Level.ERROR, GAVE_UP + batch.size() + " entries for " + config.printableEndpoint() + " after "
                        + attempt + (attempt == 1 ? " attempt: " : " attempts: ") + failure);
                return;
            }
            TimeUnit.NANOSECONDS.sleep(delay);
            delay = Math.min(delay * 2, q.maxRetryDelay().toNanos());
        }
    }

    private HttpRequest request(List<String> batch) {
        // Kong's shape: an array whenever batches are on, even for a batch of one.
        String body = config.queue().maxBatchSize() > 1 ? "[" + String.join(",", batch) + "]" : batch.getFirst();
        HttpRequest.Builder b = HttpRequest.newBuilder(config.target())
                .timeout(config.timeout())
                .method(config.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", config.contentType());
        config.authorization().ifPresent(a -> b.header("Authorization", a));
        config.headers().forEach(b::setHeader);
        return b.build();
    }
}
