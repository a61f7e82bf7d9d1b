package dev.tollgate.host.usage;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.tollgate.host.usage.UsageJson.Entry;

/**
 * Takes usage records off the request path and stores them. {@link #record} only queues; a
 * background virtual thread logs each record as one JSON line to {@value #LOGGER} and writes
 * them in batches. A batch that fails is retried; when the database stays down, batches are
 * appended to a spill file, which is replayed into the database once it answers again (also
 * after a restart). A full queue spills too. Nothing is dropped unless the disk fails as well,
 * and then the record is still in the log.
 */
public final class UsageRecorder implements AutoCloseable {
    /** The logger that gets one JSON line per usage record. */
    public static final String LOGGER = "tollgate.usage";
    private static final System.Logger LOG = System.getLogger(UsageRecorder.class.getName());

    /**
     * How the recorder batches and retries.
     *
     * @param batchSize     records per database write at most
     * @param flushInterval longest a record waits for its batch to fill; also the first pause before a replay
     * @param queueCapacity records held in memory; beyond, they go to the spill file
     * @param retryDelay    pause before the first quick retry of a failed batch (doubling after)
     * @param maxBackoff    longest pause between two replays while the database is down
     */
    public record Settings(int batchSize, Duration flushInterval, int queueCapacity, Duration retryDelay, Duration maxBackoff) {
        public static final Settings DEFAULTS =
                new Settings(500, Duration.ofSeconds(1), 10_000, Duration.ofMillis(250), Duration.ofSeconds(30));

        public Settings {
            if (batchSize < 1 || queueCapacity < 1) {
                throw new IllegalArgumentException("batchSize, queueCapacity: " + batchSize + ", " + queueCapacity + " (expected: >= 1)");
            }
            requireNonNull(flushInterval, "flushInterval");
            requireNonNull(retryDelay, "retryDelay");
            requireNonNull(maxBackoff, "maxBackoff");
        }
    }

    private record Flush(CompletableFuture<Void> done) {}

    private enum Stop { STOP }

    private final UsageSpill spill;
    private final UsageBatchWriter batches;
    private final Settings settings;
    private final System.Logger usageLog;
    private final BlockingQueue<Object> queue;
    private final String idPrefix = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + "-";
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean overflowing = new AtomicBoolean();
    private final Thread writer;
    private volatile boolean closed;

    private UsageRecorder(UsageSink sink, Path spillFile, Settings settings, System.Logger usageLog) {
        this.spill = new UsageSpill(requireNonNull(spillFile, "spillFile"));
        this.settings = requireNonNull(settings, "settings");
        this.batches = new UsageBatchWriter(requireNonNull(sink, "sink"), spill, settings);
        this.usageLog = requireNonNull(usageLog, "usageLog");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.writer = Thread.ofVirtual().name("tollgate-usage-writer").unstarted(this::run);
    }

    /** Starts recording into {@code sink}, spilling to {@code spillFile}; replays what an earlier run left there. */
    public static UsageRecorder start(UsageSink sink, Path spillFile) {
        return start(sink, spillFile, Settings.DEFAULTS, System.getLogger(LOGGER));
    }

    public static UsageRecorder start(UsageSink sink, Path spillFile, Settings settings, System.Logger usageLog) {
        UsageRecorder recorder = new UsageRecorder(sink, spillFile, settings, usageLog);
        recorder.writer.start();
        return recorder;
    }

    /** Queues {@code record} for the log and the database. Never blocks on I/O but a full queue's spill, never throws. */
    public void record(UsageRecord record) {
        if (record == null) {
            return;
        }
        try {
            Entry entry = new Entry(idPrefix + Long.toString(sequence.incrementAndGet(), 36), record);
            if (closed || !queue.offer(entry)) {
                overflow(entry);
            } else if (closed && queue.remove(entry)) {
                overflow(entry); // closed while it was being queued: the writer may have looked for the last time
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "usage record not taken: " + record, e);
        }
    }

    /**
     * Writes what is queued now (and replays spilled records when the database answers), so
     * that a read sees the requests made so far. False when that did not finish in {@code timeout}.
     */
    public boolean flush(Duration timeout) {
        if (closed) {
            return false;
        }
        Flush flush = new Flush(new CompletableFuture<>());
        try {
            return queue.offer(flush, timeout.toNanos(), TimeUnit.NANOSECONDS)
                    && flush.done().get(timeout.toNanos(), TimeUnit.NANOSECONDS) == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Where records go while the database is down. */
    public Path spillFile() {
        return spill.path();
    }

    /** Writes (or spills) what is queued and stops. Records arriving later go to the spill file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!queue.offer(Stop.STOP, 5, TimeUnit.SECONDS)) {
                writer.interrupt();
            }
            if (!writer.join(Duration.ofSeconds(30))) {
                writer.interrupt();
                writer.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Object> late = new ArrayList<>();
        queue.drainTo(late);
        for (Object item : late) {
            if (item instanceof Entry entry) {
                overflow(entry);
            }
        }
    }

    private void overflow(Entry entry) {
        String line = UsageJson.line(entry);
        usageLog.log(Level.INFO, line);
        if (!closed && overflowing.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "usage queue full (" + settings.queueCapacity() + " records): spilling to " + spill.path());
        }
        batches.spill(List.of(line));
    }

    // ---- the writer thread

    private void run() {
        List<Entry> batch = new ArrayList<>();
        List<Flush> flushes = new ArrayList<>();
        long due = Long.MAX_VALUE;
        boolean stopping = false;
        while (!stopping) {
            batches.replayIfDue();
            Object item;
            try {
                item = next(batch.isEmpty() ? Long.MAX_VALUE : due);
            } catch (InterruptedException e) {
                item = Stop.STOP;
            }
            for (; item != null; item = batch.size() >= settings.batchSize() && !stopping ? null : queue.poll()) {
                switch (item) {
                    case Entry e -> {
                        usageLog.log(Level.INFO, UsageJson.line(e));
                        if (batch.isEmpty()) {
                            due = System.nanoTime() + settings.flushInterval().toNanos();
                        }
                        batch.add(e);
                    }
                    case Flush f -> flushes.add(f);
                    default -> stopping = true;
                }
            }
            if (stopping || !flushes.isEmpty() || batch.size() >= settings.batchSize() || System.nanoTime() - due >= 0) {
                batches.write(batch);
                batch.clear();
                if (queue.isEmpty()) {
                    overflowing.set(false);
                }
            }
            if (!flushes.isEmpty()) {
                batches.replayIfUp();
                flushes.forEach(f -> f.done().complete(null));
                flushes.clear();
            }
        }
    }

    /** The next item, waiting until the batch is due or the next replay, whichever comes first. */
    private Object next(long due) throws InterruptedException {
        long wake = batches.wakeBefore(due);
        if (wake == Long.MAX_VALUE) {
            return queue.take();
        }
        return queue.poll(Math.max(0, wake - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
