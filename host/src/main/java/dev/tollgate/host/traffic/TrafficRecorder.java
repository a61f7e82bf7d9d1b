package dev.tollgate.host.traffic;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import dev.tollgate.db.TrafficStore;
import dev.tollgate.db.TrafficStore.Resolution;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sums the node's proxied requests per minute (requests, 4xx, 5xx, latency, per route) and
 * writes them, off the request path, to {@code traffic_minutes} and {@code traffic_hours} for
 * the Overview. Recording is a few counter increments and a histogram record; the busiest 200
 * routes of a minute get rows of their own, the rest share one. A write that fails (the
 * database is down) is retried every few seconds; the last {@value #MAX_PENDING} minutes wait
 * in memory, older ones are dropped with a warning.
 */
public final class TrafficRecorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrafficRecorder.class.getName());
    static final int MAX_PENDING = 120;
    private static final long GRACE_MILLIS = 500;
    private static final long TICK_MILLIS = 2_000;
    static final long HIGHEST_MICROS = 3_600_000_000L;
    static final int DIGITS = 2;

    /** One minute being recorded into; the flusher writes it while it runs and once it is over. */
    private static final class Minute {
        final long minute;
        final SlotCounts counts = new SlotCounts();
        final Recorder latency = new Recorder(HIGHEST_MICROS, DIGITS);
        // flusher thread only:
        final Histogram recorded = new Histogram(HIGHEST_MICROS, DIGITS);
        long written = -1;
        long retiredAt;

        Minute(long minute) {
            this.minute = minute;
        }
    }

    /** The minutes of one hour that are over, summed (flusher thread only). */
    private static final class Hour {
        final long hour;
        final SlotCounts counts = new SlotCounts();
        final Histogram latency = new Histogram(HIGHEST_MICROS, DIGITS);

        Hour(long hour) {
            this.hour = hour;
        }

        void add(SlotCounts c, Histogram h) {
            counts.add(c);
            latency.add(h);
        }

        Hour copy() {
            Hour c = new Hour(hour);
            c.add(counts, latency);
            return c;
        }
    }

    private final TrafficStore store;
    private final String node;
    private final Clock clock;
    private final AtomicReference<Minute> current;
    private final ConcurrentLinkedQueue<Minute> retired = new ConcurrentLinkedQueue<>();
    /** Minutes that are over and not written yet, oldest first (flusher thread only). */
    private final Deque<Minute> pending = new ArrayDeque<>();
    /** The hours of the minutes written, the last few (flusher thread only). */
    private final Map<Long, Hour> hours = new HashMap<>();
    private long lastPrune;
    private final Thread flusher;
    private volatile boolean closed;

    public TrafficRecorder(TrafficStore store, String node, Clock clock) {
        this.store = store;
        this.node = node;
        this.clock = clock;
        this.current = new AtomicReference<>(new Minute(clock.millis() / 60_000));
        this.flusher = Thread.ofVirtual().name("tollgate-traffic").start(this::run);
    }

    /** A proxied request was answered with {@code status}, {@code nanos} after it arrived; {@code routeId} null when no route matched. */
    public void record(String routeId, int status, long nanos) {
        Minute m = minute(clock.millis() / 60_000);
        double ms = nanos / 1e6;
        m.counts.add(routeId, status, ms);
        m.latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000)));
    }

    /** The minute to record into: the current one, or a new one when the clock has moved on. */
    private Minute minute(long now) {
        Minute m = current.get();
        while (m.minute < now) {
            Minute next = new Minute(now);
            if (current.compareAndSet(m, next)) {
                m.retiredAt = clock.millis();
                retired.add(m);
                return next;
            }
            m = current.get();
        }
        return m;
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            flush(false);
        }
    }

    /**
     * Writes the minutes that are over (after a moment for requests still adding to them) and
     * the current minute so far; {@code now} skips that moment.
     */
    private synchronized void flush(boolean now) {
        long at = clock.millis();
        Minute open = minute(at / 60_000); // retires a minute no request came in to close
        for (Minute m; (m = retired.peek()) != null && (now || at - m.retiredAt >= GRACE_MILLIS); ) {
            retired.poll();
            pending.add(m);
        }
        while (pending.size() > MAX_PENDING) {
            Minute dropped = pending.poll();
            LOG.log(Level.WARNING, "traffic sums of minute " + dropped.minute + " dropped: the database has not taken them for "
                    + MAX_PENDING + " minutes");
        }
        try {
            while (!pending.isEmpty()) {
                write(pending.peek(), true);
                pending.poll();
            }
            if (open.counts.requests() != open.written) {
                write(open, false);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "traffic sums not written yet (will retry): " + e.getMessage());
            return;
        }
        if (at - lastPrune > 3_600_000L) {
            try {
                store.prune(at / 60_000 - 48 * 60, at / 3_600_000 - 400 * 24);
                lastPrune = at;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "old traffic sums not pruned yet: " + e.getMessage());
            }
        }
    }

    /** Writes a minute's rows, and its hour's: the minutes over so far, and this one. */
    private void write(Minute m, boolean over) {
        long requests = m.counts.requests();
        m.recorded.add(m.latency.getIntervalHistogram());
        if (requests == 0 && m.written < 0) {
            return;
        }
        store.replace(Resolution.MINUTE, node, m.minute, m.counts.rows(m.minute, HistogramCodec.encode(m.recorded)));
        m.written = requests;

        long h = m.minute / 60;
        Hour done = hours.computeIfAbsent(h, Hour::new);
        Hour shown = over ? done : done.copy();
        shown.add(m.counts, m.recorded);
        store.replace(Resolution.HOUR, node, h, shown.counts.rows(h, HistogramCodec.encode(shown.latency)));
        hours.keySet().removeIf(k -> k < h - 2);
    }

    /** Writes what is recorded now, without waiting for the next tick. */
    public void flushNow() {
        flush(true);
    }

    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
        current.getAndUpdate(m -> {
            retired.add(m);
            return new Minute(Long.MAX_VALUE);
        });
        flush(true);
    }
}
