package dev.tollgate.plugins.httplog;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;

import dev.tollgate.commons.logging.LogEntry;
import dev.tollgate.sdk.Plugin;
import dev.tollgate.sdk.PluginContext;

/**
 * Sends each request's {@link LogEntry} to an HTTP endpoint. The LOG phase only queues the
 * entry; a background sender batches, sends and retries (see {@link HttpLogSender}).
 * {@link #close()} stops the sender; the gateway has no hook to call it yet.
 */
final class HttpLogPlugin implements Plugin, AutoCloseable {
    static final String ENTRY_FAILED = "could not build the log entry: ";

    private final HttpLogConfig config;
    private final HttpLogSender sender;

    HttpLogPlugin(HttpLogConfig config) {
        this(config, null);
    }

    /** {@code senderLog}: where the sender reports, instead of the latest request's logger (tests). */
    HttpLogPlugin(HttpLogConfig config, System.Logger senderLog) {
        this.config = requireNonNull(config, "config");
        this.sender = new HttpLogSender(config, senderLog);
    }

    @Override
    public void log(PluginContext ctx) {
        String json;
        try {
            json = LogEntry.from(ctx).with(config.customFields()).toJson();
        } catch (RuntimeException e) {
            ctx.log().log(Level.ERROR, ENTRY_FAILED + e);
            return;
        }
        sender.enqueue(json, ctx.log());
    }

    /** Entries dropped so far because the queue was full or the plugin closed. */
    long dropped() {
        return sender.dropped();
    }

    /** Stops the background sender; entries still queued are dropped. */
    @Override
    public void close() {
        sender.close();
    }

    @Override
    public String toString() {
        return HttpLogPluginFactory.NAME + "{http_endpoint=" + config.printableEndpoint() + ", method=" + config.method()
                + ", max_batch_size=" + config.queue().maxBatchSize() + "}";
    }
}
