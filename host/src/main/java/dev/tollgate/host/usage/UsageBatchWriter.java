package dev.tollgate.host.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.tollgate.db.UsageStore;
import dev.tollgate.host.usage.UsageJson.Entry;

/**
 * Writes batches of usage records to the sink, for the {@link UsageRecorder}'s writer thread
 * alone. A failed batch is retried twice, quickly; when it still fails the database counts as
 * down: batches go to the spill file, and the spill is replayed after a pause that doubles up
 * to a limit, until a replay succeeds.
 */
final class UsageBatchWriter {
    private static final System.Logger LOG = System.getLogger(UsageRecorder.class.getName());
    /** Quick retries of a failed batch before the database counts as down. */
    private static final int RETRIES = 2;

    private final UsageSink sink;
    private final UsageSpill spill;
    private final UsageRecorder.Settings settings;
    private boolean databaseUp = true;
    private long backoffNanos;
    private long nextReplay;

    UsageBatchWriter(UsageSink sink, UsageSpill spill, UsageRecorder.Settings settings) {
        this.sink = sink;
        this.spill = spill;
        this.settings = settings;
        this.nextReplay = System.nanoTime();
    }

    /** When to call {@link #replayIfDue} next (a {@link System#nanoTime} value), or {@code otherwise}. */
    long wakeBefore(long otherwise) {
        return databaseUp ? otherwise : Math.min(otherwise, nextReplay);
    }

    /** Replays the spill file: when the database is up and records wait there, or when it is down and the pause is over. */
    void replayIfDue() {
        if (databaseUp ? spill.pending() : System.nanoTime() - nextReplay >= 0) {
            replay();
        }
    }

    /** Replays what waits in the spill file now, unless the database is down. */
    void replayIfUp() {
        if (databaseUp && spill.pending()) {
            replay();
        }
    }

    void write(List<Entry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (databaseUp) {
            RuntimeException failure = null;
            for (int attempt = 0; attempt <= RETRIES; attempt++) {
                if (attempt > 0 && !pause(settings.retryDelay().toNanos() << (attempt - 1))) {
                    break;
                }
                try {
                    sink.write(rows(batch));
                    return;
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            down(failure);
        }
        spill(batch.stream().map(UsageJson::line).toList());
    }

    /** Appends to the spill file; if even that fails, the records are only in the log. */
    void spill(List<String> lines) {
        try {
            spill.append(lines);
        } catch (IOException e) {
            LOG.log(Level.ERROR, lines.size() + " usage records are only in the " + UsageRecorder.LOGGER
                    + " log: cannot write " + spill.path() + ": " + e.getMessage());
        }
    }

    private void replay() {
        boolean wasUp = databaseUp;
        int stored = 0;
        try {
            for (Optional<Path> claimed = spill.claim(); claimed.isPresent(); claimed = spill.claim()) {
                stored += replay(claimed.get());
                spill.replayed(claimed.get());
            }
        } catch (RuntimeException e) {
            down(e);
            return;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot replay the usage spill file " + spill.path() + ": " + e.getMessage());
            down(null);
            return;
        }
        databaseUp = true;
        backoffNanos = 0;
        if (!wasUp || stored > 0) {
            LOG.log(Level.INFO, (wasUp ? "" : "usage records are written to the database again; ") + stored
                    + " spilled usage records stored");
        }
    }

    private int replay(Path claimed) throws IOException {
        int stored = 0;
        List<Entry> chunk = new ArrayList<>();
        try (BufferedReader in = UsageSpill.read(claimed)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    chunk.add(UsageJson.parse(line));
                } catch (IOException | RuntimeException e) {
                    // A line cut short by a crash: the rest of the file is still good.
                    LOG.log(Level.WARNING, "skipping a line of " + claimed + " that is not a usage record: "
                            + line.substring(0, Math.min(line.length(), 200)));
                    continue;
                }
                if (chunk.size() >= settings.batchSize()) {
                    sink.write(rows(chunk));
                    stored += chunk.size();
                    chunk.clear();
                }
            }
        }
        if (!chunk.isEmpty()) {
            sink.write(rows(chunk));
            stored += chunk.size();
        }
        return stored;
    }

    /** The database failed: spill from now on and try it again after a growing pause. */
    private void down(RuntimeException cause) {
        if (databaseUp && cause != null) {
            LOG.log(Level.WARNING, "usage records cannot be written to the database, spilling them to " + spill.path()
                    + " until it answers: " + cause.getMessage());
        }
        databaseUp = false;
        long first = settings.flushInterval().toNanos();
        backoffNanos = backoffNanos == 0 ? first : Math.min(backoffNanos * 2, settings.maxBackoff().toNanos());
        nextReplay = System.nanoTime() + backoffNanos;
    }

    private static boolean pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<UsageStore.Row> rows(List<Entry> entries) {
        return entries.stream().map(e -> new UsageStore.Row(e.id(), e.record())).toList();
    }
}
